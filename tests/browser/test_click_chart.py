"""The facilitator's mistakes chart in Chromium: a click on a bar names its checker code.

The widget's own script (krakit.widgets.click_chart) runs on the chart krakit draws, with a
stand-in for the widget's model; the rest of the view is driven in tests/browser/test_room.py.
"""

from __future__ import annotations

import json

import pandas as pd

from krakit import vegalite
from krakit.room import chart
from krakit.widgets.click_chart import _ESM


def test_a_click_on_a_bar_picks_its_code(page) -> None:
    view, offline = page
    table = pd.DataFrame(
        {
            "code": ["C001", "M002"],
            "rule": ["kra-offered-as-kpi", "no-target"],
            "severity": ["error", "warning"],
            "people": [14, 3],
            "of": [20, 20],
            "lines": [17, 3],
            "label": ["14 of 20: kra offered as kpi", "3 of 20: no target"],
        }
    )
    module = _ESM.replace("export default { render };", "window.render = render;")
    view.set_content(
        f"""<html><body><div id="el"></div><script>{module}
        const state = {{svg: {json.dumps(vegalite.svg(chart.mistakes(table)))}, picked: ""}};
        window.state = state; window.saved = 0;
        const model = {{get: (k) => state[k], set: (k, v) => {{ state[k] = v; }},
                        save_changes: () => {{ window.saved += 1; }}, on: () => {{}}}};
        render({{model, el: document.getElementById("el")}});
        </script></body></html>"""
    )
    bars = view.locator('[aria-roledescription="bar"]')
    assert bars.count() == 2
    bars.nth(1).click(force=True)
    assert view.evaluate("[window.state.picked, window.saved]") == ["M002", 1]
    bars.nth(0).click(force=True)
    assert view.evaluate("[window.state.picked, window.saved]") == ["C001", 2]
    assert offline.blocked == []  # nothing fetched from the internet
