# cli-hostile: odd input an admin's script may pass: a field name that is
# not UTF-8, values near the argument size limit in a unique field without
# `max`, and a database directory this user may not write.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/cli-common.inc"

mkdir -p "$T/forms"
cp -r "$SRC/forms/lists" "$T/forms/"
cat >"$T/forms/note.yaml" <<'YAML'
form: note
version: 1
title: Note
id: "N-{seq}"
scope: community
fields:
  - {name: code, type: text, label: Code, unique: true}
  - {name: body, type: textarea, label: Body}
YAML
FORMS=$T/forms

# A field name with a byte that is not UTF-8: named with the byte escaped.
expect_rc 1 gb add note "$(printf 'co\xffde=1')"
contains "field name 'co\\xffde' is not valid UTF-8 (bad byte 0xff at byte 3)" "$OUT"

# 100 kB unique values that share their first 400 bytes are different
# values (the index key ends in a hash of the whole); the same one again
# is refused with the value cut in the message.
long=$(printf 'a%.0s' $(seq 1 100000))
n1=$(gb add note "code=${long}1" "body=$long")
n2=$(gb add note "code=${long}2")
[ "$n1" = N-1 ] && [ "$n2" = N-2 ] || fail "ids [$n1] [$n2]"
expect_rc 1 gb add note "code=${long}2"
contains "code aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa... is already registered in note N-2" "$OUT"
[ ${#OUT} -lt 300 ] || fail "message of ${#OUT} bytes"
expect_rc 0 gb check
contains "no problems found" "$OUT"
expect_rc 0 gb get note N-1 --json
contains "\"code\":\"${long}1\"" "$OUT"

# A directory this user may not write: one clear line, nothing else.
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	chmod -R a+rX "$T" && chmod a+rx "$T/.." 2>/dev/null || true
	chmod a-w "$DB" "$DB"/*
	expect_rc 1 setpriv --reuid=65534 --regid=65534 --clear-groups "$GB" \
	    --db "$DB" --forms "$FORMS" --config "$CONFIG" --user admin find note a
	contains "cannot open the database: Permission denied (this user may not write the directory or its files" "$OUT"
	chmod u+w "$DB" "$DB"/*
fi
