# tui-textarea: the minutes of a consultation typed in a textarea at 80x24.
# Up/Down and PgUp/PgDn never leave the text (PgUp then Up then typing
# lands at the start of the minutes, not in 涉及范围 above); Tab leaves.
# A textarea not being edited shows its wrapped rows and "…（还有 N 行）"
# when they don't all fit.  Resizing to 70x20 in the middle of the text
# shows the "too small" line, and back at 80x24 the text and the cursor in
# it are still there.  Shift-Tab goes back into it; `gridbook get` has the
# text as typed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tui-form.inc"

P1="阳光小区三号楼的低层住户担心采光和噪音问题，高层住户普遍支持加装电梯并愿意多分摊费用。"
P2="第二段：物业公司表示可以配合施工。"
P3="第三段。"

gb_tui
wait_for "社区协商议事记录"
keys 1
wait_for "F3/^O"
keys C-o
wait_for "协商议题"
type_text "加装电梯"; keys Tab
type_text "1"; keys Tab				# topic kind
type_text "2"; keys Tab				# method
type_text "社区党支部"; keys Tab
type_text "20261201"; keys Tab
keys Tab					# 涉及范围 left empty
wait_for "居民反映的问题和提议的理由"		# the help of 议题缘由
type_text "$P1"; keys Enter
type_text "$P2"; keys Enter
type_text "$P3"
wait_for "$P3"
wait_for "Enter 换行"
# Up past the first row, PgUp past the top: still in the text.
keys PageUp Up Up PageUp
type_text "【开头】"
wait_for "【开头】阳光小区"
s=$(screen)
contains "居民反映的问题和提议的理由" "$s"	# the focus has not moved
lacks "涉及范围                   【开头】" "$s"
# Down past the last row: the end of the text.
keys PageDown Down Down
type_text "完"
wait_for "第三段。完"

# Resize mid-text: too small, then back with the text and the focus.
resize 70 20
wait_for "80x24"
lacks "第三段" "$(screen)"
resize 80 24
wait_for "第三段。完"
type_text "！"
wait_for "第三段。完！"
contains "居民反映的问题和提议的理由" "$(screen)"

# Tab leaves: the minutes show their wrapped rows and what is left out.
keys Tab
wait_for "告知日期"
wait_gone "Enter 换行"
s=$(screen)
contains "议题缘由                   【开头】阳光小区三号楼的低层住户担心采光和噪音问题" "$s"
contains "                           ，高层住户普遍支持加装电梯并愿意多分摊费用。" "$s"
contains "第二段：物业公司表示可以配合施工。 …（还有 1 行）" "$s"
# Shift-Tab goes back into the text, at its end.
keys BTab
wait_for "Enter 换行"
type_text "～"
wait_for "第三段。完！～"
keys C-s
wait_for "已保存 XS-2026-001"
gb_get consultation XS-2026-001
contains "【开头】$P1" "$OUT"
contains "$P2" "$OUT"
contains "第三段。完！～" "$OUT"
lacks "涉及范围        【开头】" "$OUT"
gb_get consultation XS-2026-001 --json
python3 - "$OUT" "【开头】$P1
$P2
第三段。完！～" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
v = r.get("values", r)
assert v.get("background") == sys.argv[2], v.get("background")
assert "coverage" not in v or not v["coverage"], v.get("coverage")
PY
