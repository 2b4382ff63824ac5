#!/bin/sh
# How docs/workshop-hosting.md's JupyterHub drop-box for a room was checked (2026-12-03):
# the room's folders set up as the doc says, then participants and the trainer run as
# different uids (setpriv, numeric ids, no accounts needed; run as root):
# trainer 50010 (group trainers 50100), participants 50001 and 50002 (group 50200).
# Output: benchmarks/results/room_dropbox_check.txt. PY: a Python that sees krakit and pydantic.
set -u
PY="env PYTHONPATH=/work/main:/work/main/.venv/lib/python3.11/site-packages PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3"
ROOMS=${ROOMS:-/tmp/krakit-dropbox-check/rooms}
R=$ROOMS/batch-7
as() { uid=$1 gid=$2; shift 2; HOME=/tmp setpriv --reuid=$uid --regid=$gid --clear-groups sh -c "umask 027; $*"; }
trainer() { HOME=/tmp setpriv --reuid=50010 --regid=50100 --clear-groups sh -c "umask 027; $*"; }
# --- setup, as root (what docs/workshop-hosting.md says to run once per room) ---
install -d -o 50010 -g 50100 -m 0711 $ROOMS
install -d -o 50010 -g 50100 -m 0711 $R
trainer "cd /work/main && $PY -c \"from krakit.room import Room; Room(path='$R')\""
install -d -o 50010 -g 50100 -m 3733 $R/participants
ls -la $R $R/participants
echo "--- p1 (Asha) joins and publishes, umask 027"
as 50001 50200 "cd /work/main && $PY -c \"
from krakit.room import Room
me = Room(path='$R').join('Asha')
me.publish('progress', {'step': 2, 'kras': 3})
print('published', me.folder)
\""
ls -la $R/participants/*/
P1=$(ls -d $R/participants/*/ | head -1)
echo "--- p2 tries to list, read, remove, write into p1's folder"
as 50001 50200 "true"
as 50002 50200 "ls $R/participants/ 2>&1 | head -1; cat ${P1}progress.json 2>&1 | head -1; rm -rf $P1 2>&1 | head -1; echo x > ${P1}evil.json 2>&1; ls -d $P1"
echo "--- p2 joins too"
as 50002 50200 "cd /work/main && $PY -c \"
from krakit.room import Room
me = Room(path='$R').join('Ben')
me.publish('progress', {'step': 1})
print('published', me.folder)
\""
echo "--- the trainer reads the room"
trainer "cd /work/main && $PY -c \"
from krakit.room import Room
state = Room(path='$R').snapshot()
print([(p.shown, p.payload('progress')) for p in state.people()], [u.name + ': ' + u.reason for u in state.unreadable])
\""
