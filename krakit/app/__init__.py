"""Serving the workshop app (Voilà): a layer over krakit, like the widgets, never imported by it.

It needs ``jupyter_server`` (the ``lab`` extra); krakit's domain modules never import it.
"""
