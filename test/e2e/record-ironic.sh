#!/usr/bin/env bash
# Records what Debian's `baremetal` CLI (python3-ironicclient 5.0.1) prints for the commands the
# e2e tests run, against a live server, into test/e2e/recorded/*.txt (same layout as
# test/fixtures/ironic-21.4/cli/). UUIDs, timestamps and the conductor host are normalised.
#
#   test/e2e/record-ironic.sh [endpoint] [out-dir]
#   (default: the reference Ironic 21.4 on http://127.0.0.1:6386, test/e2e/recorded)
#
# Run it against Anvil too (`anvil serve --port 6390`, then `... http://127.0.0.1:6390 /tmp/a`) and
# `diff -r` the two directories to see every difference at once. Only 127.0.0.1 is ever contacted.
set -uo pipefail
ENDPOINT="${1:-http://127.0.0.1:6386}"
OUT="${2:-$(cd "$(dirname "$0")" && pwd)/recorded}"
case "$ENDPOINT" in http://127.0.0.1:*) ;; *) echo "loopback endpoints only" >&2; exit 1 ;; esac
mkdir -p "$OUT"
export OS_AUTH_TYPE=none OS_ENDPOINT="$ENDPOINT"
TAG="e2e$RANDOM"
HOSTNAME_RE="$(baremetal conductor list -f value -c Hostname 2>/dev/null | head -1)"

norm() {
  sed -E \
    -e 's/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/<uuid>/g' \
    -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+(\+00:00|Z)?/<timestamp>/g' \
    -e "s/$TAG/TAG/g" \
    ${HOSTNAME_RE:+-e "s/\\b$HOSTNAME_RE\\b/<hostname>/g"}
}

# rec NAME ARGS... : run `baremetal ARGS`, write OUT/NAME.txt, leave stdout in $LAST.
rec() {
  local name="$1"; shift
  local so se rc
  so="$(mktemp)"; se="$(mktemp)"
  baremetal "$@" >"$so" 2>"$se"; rc=$?
  LAST="$(cat "$so")"
  {
    echo "\$ OS_AUTH_TYPE=none OS_ENDPOINT=$ENDPOINT baremetal $*" | norm
    echo "# exit code: $rc"
    echo "# ---- stdout"; norm <"$so"
    echo "# ---- stderr"; norm <"$se"
  } >"$OUT/$name.txt"
  rm -f "$so" "$se"
}

val() { baremetal "$@" -f value; }

# chassis
rec chassis-create chassis create --description "$TAG-c1" --extra a=b -f json
CH="$(echo "$LAST" | python3 -c 'import json,sys; print(json.load(sys.stdin)["uuid"])')"
rec chassis-list chassis list -f json
rec chassis-list-long chassis list --long -f json
rec chassis-list-table chassis list
rec chassis-show chassis show "$CH" -f json
rec chassis-set chassis set "$CH" --description "$TAG-c2" --extra c=d
rec chassis-show-after-set chassis show "$CH" -f json

# node in the chassis, with every create option the tests use
rec node-create-full node create --driver fake-hardware --name "$TAG-n1" --chassis-uuid "$CH" \
  --extra ek=ev --property cpus=4 --driver-info ipmi_address=1.2.3.4 --resource-class rcx -f json
NODE="$(val node show "$TAG-n1" -c uuid)"
# python-ironicclient 5.0.1 rejects this itself: `description` is not in its creation attributes
rec node-create-description node create --driver fake-hardware --description "first node"
rec node-set-full node set "$TAG-n1" --description "first node" --extra e2=v2 --property ram=1024
rec node-show-after-set-full node show "$TAG-n1" -f json -c extra -c properties -c description
rec node-show-fields node show "$TAG-n1" --fields uuid name extra -f json
rec node-unset node unset "$TAG-n1" --extra ek --property cpus --description --resource-class
rec node-show-after-unset node show "$TAG-n1" -f json -c extra -c properties -c description -c resource_class
rec chassis-delete-with-node chassis delete "$CH"

# ports
rec port-create port create 52:54:00:aa:bb:01 --node "$NODE" --extra pk=pv \
  --local-link-connection switch_id=00:11:22:33:44:55 --local-link-connection port_id=Eth1 \
  --physical-network physnet1 -f json
PORT="$(echo "$LAST" | python3 -c 'import json,sys; print(json.load(sys.stdin)["uuid"])')"
rec port-list port list --node "$NODE" -f json
rec port-list-long port list --node "$NODE" --long -f json
rec port-list-table port list --node "$NODE"
rec port-show port show "$PORT" -f json
rec port-show-address port show --address 52:54:00:aa:bb:01 -f json -c uuid -c address
rec port-set port set "$PORT" --extra k2=v2 --pxe-disabled
rec port-show-after-set port show "$PORT" -f json -c extra -c pxe_enabled

# port groups
rec portgroup-create port group create --node "$NODE" --name "$TAG-pg1" \
  --address 52:54:00:aa:bb:02 --extra gk=gv --mode active-backup --property miimon=100 -f json
rec portgroup-list port group list --node "$NODE" -f json
rec portgroup-list-long port group list --node "$NODE" --long -f json
rec portgroup-list-table port group list --node "$NODE"
rec portgroup-show port group show "$TAG-pg1" -f json
rec portgroup-set port group set "$TAG-pg1" --name "$TAG-pg2" --extra g2=v2
rec portgroup-show-after-set port group show "$TAG-pg2" -f json -c name -c extra
rec portgroup-delete port group delete "$TAG-pg2"
rec portgroup-show-deleted port group show "$TAG-pg2"

rec port-delete port delete "$PORT"
rec port-show-deleted port show "$PORT"
rec node-delete node delete "$TAG-n1"
rec chassis-delete chassis delete "$CH"
rec chassis-show-deleted chassis show "$CH"

# drivers and conductors
rec driver-list driver list -f json
rec driver-list-long driver list --long -f json
rec driver-list-table driver list
rec driver-show driver show fake-hardware -f json
rec driver-property-list driver property list fake-hardware -f json
rec driver-show-unknown driver show bogus
rec conductor-list conductor list -f json
rec conductor-list-long conductor list --long -f json
rec conductor-list-table conductor list
rec conductor-show conductor show "$HOSTNAME_RE" -f json
rec conductor-show-unknown conductor show no-such-host
echo "recorded into $OUT" >&2
