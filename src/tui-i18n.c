/*
 * tui-i18n.c — the interface's strings in Chinese.  The English text is the
 * key (so a string without an entry still shows, in English); tr() looks it
 * up when the session's language is zh.  Key names in key lines stay as on
 * the keycaps ("Enter", "^S", "F2"); only what they do is translated.
 *
 * A translation keeps the English printf conversions in the same order
 * (check_tui verifies it).  The table is sorted once on first use.
 */
#include <stdlib.h>
#include <string.h>

#include "tui-int.h"

struct tr_entry {
	const char	*en;
	const char	*zh;
};

static struct tr_entry tr_zh[] = {
	/* frame, roles, questions */
	{ "admin", "管理员" },
	{ "clerk", "社区工作者" },
	{ "leader", "网格长" },
	{ "terminal too small (need 80x24)", "终端窗口太小（至少需要 80x24）" },
	{ "y yes  n no  Esc cancel", "y 是  n 否  Esc 取消" },
	{ "restore the %s you were entering at %s? (y/n)",
	  "恢复未保存的“%s”草稿（%s 录入）？(y/n)" },
	{ "restore your unsaved changes to %s %s from %s? (y/n)",
	  "恢复对%s %s 的未保存修改（%s）？(y/n)" },
	{ "cannot restore the draft: %s", "无法恢复草稿：%s" },
	{ "%zu problems in the form files: see 'gridbook forms check'",
	  "表单文件有 %zu 个问题：请运行 gridbook forms check" },
	{ "yes", "是" },
	{ ", ", "、" },		/* between the items of a list */
	{ ": ", "：" },		/* after a label */
	{ "no", "否" },

	/* picker */
	{ "nothing matches", "没有匹配项" },
	{ "Space toggle  Enter accept  Up/Down move  Esc cancel  type to filter",
	  "空格 勾选  Enter 确定  Up/Down 移动  Esc 取消  输入文字筛选" },
	{ "Enter choose  Up/Down move  Esc cancel  type a code or name to filter",
	  "Enter 选择  Up/Down 移动  Esc 取消  输入代码或名称筛选" },
	{ "Choose a form", "选择表单" },

	/* menu */
	{ "Main menu", "主菜单" },
	{ "Forms", "表单" },
	{ "Batch entry", "批量录入" },
	{ "Search", "查找" },
	{ "Audit log", "操作记录" },
	{ "Help", "帮助" },
	{ "Quit", "退出" },
	{ "no forms are loaded: see 'gridbook forms check'",
	  "没有可用的表单：请运行 gridbook forms check" },
	{ "1-9 open a form  b batch entry  / search  a audit  F1/^_ help  "
	  "q quit",
	  "1-9 打开表单  b 批量录入  / 查找  a 操作记录  F1/^_ 帮助  q 退出" },
	{ "Up/Down/Enter choose", "Up/Down/Enter 选择" },
	{ "Signed in as %s (%s)", "当前用户：%s（%s）" },
	{ "%u saved this session", "本次已保存 %u 条" },

	/* list */
	{ "Search:", "查找：" },
	{ "ID", "编号" },
	{ "ID number", "身份证号" },
	{ "State", "状态" },
	{ "Grid", "网格" },
	{ "Created", "创建" },
	{ "Updated", "更新" },
	{ "no records yet: F3 or ^O adds one", "还没有记录：F3 或 ^O 新建" },
	{ "nothing found for \"%s\"", "没有找到“%s”" },
	{ "records %zu-%zu", "第 %zu-%zu 条" },
	{ "records %zu-%zu, more below (PgDn)", "第 %zu-%zu 条，PgDn 看更多" },
	{ "type to search: name, address, ID, phone or its last 4 digits",
	  "输入即查找：姓名、地址、身份证号、电话或后 4 位" },
	{ "Enter open  F3/^O new  Up/Down/PgUp/PgDn move  Esc back  "
	  "F1/^_ help",
	  "Enter 打开  F3/^O 新建  Up/Down/PgUp/PgDn 移动  Esc 返回  "
	  "F1/^_ 帮助" },
	{ "%s list", "%s列表" },
	{ "cannot list: %s", "无法列出：%s" },

	/* help */
	{ "Keys", "按键说明" },
	{ "Up/Down/PgUp/PgDn scroll  Esc close", "Up/Down/PgUp/PgDn 滚动  Esc 关闭" },
	{ "Every screen", "所有界面" },
	{ "List and search", "列表与查找" },
	{ "Form", "表单" },
	{ "Choice picker", "选项列表" },
	{ "Multi-line text", "多行文本" },
	{ "History", "修改历史" },
	{ "Single-line fields", "单行输入框" },
	{ "this help (? where you are not typing)", "本帮助（? 在不输入时可用）" },
	{ "quit (an unsaved form is kept as a draft)",
	  "退出（未保存的表单留作草稿）" },
	{ "repaint the screen", "重画屏幕" },
	{ "open a form's list", "打开表单列表" },
	{ "move the highlight; Enter opens", "移动光标；Enter 打开" },
	{ "batch entry: choose a form, then save-and-new all day",
	  "批量录入：选择表单，保存后自动新建" },
	{ "search a form", "查找记录" },
	{ "audit log: who changed what, when", "操作记录：谁在何时改了什么" },
	{ "quit", "退出" },
	{ "letters and digits search as you type", "输入字母或数字即时查找" },
	{ "move up / down", "上下移动" },
	{ "page up / page down", "上一页 / 下一页" },
	{ "first / last row shown", "第一行 / 最后一行" },
	{ "open the highlighted record", "打开选中的记录" },
	{ "new record", "新建记录" },
	{ "edit the search text", "编辑查找内容" },
	{ "back to the menu", "返回主菜单" },
	{ "next field", "下一项" },
	{ "previous field (Up in a text: its line above)",
	  "上一项（在多行文本中 Up 为上一行）" },
	{ "save", "保存" },
	{ "save and start a new one (batch)", "保存并新建（批量）" },
	{ "workflow action", "流程操作" },
	{ "history of this record", "本记录的修改历史" },
	{ "member list actions (add, edit, reorder, remove)",
	  "成员列表操作（添加、编辑、排序、删除）" },
	{ "close (asks when unsaved)", "关闭（未保存时询问）" },
	{ "help", "帮助" },
	{ "help (? while the search is empty)", "帮助（查找框为空时也可按 ?）" },
	{ "open the choice list (or type a code or name)",
	  "打开选项列表（或直接输入代码或名称）" },
	{ "cursor by character", "按字符移动光标" },
	{ "start / end of the line", "行首 / 行尾" },
	{ "delete before / at the cursor", "删除光标前 / 光标处的字符" },
	{ "delete to the end / to the start", "删除到行尾 / 行首" },
	{ "delete the word before the cursor (search lines)",
	  "删除光标前的词（查找框）" },
	{ "filter: type a code or part of a name", "筛选：输入代码或名称的一部分" },
	{ "choose (single choice) / accept (multiple)", "选择（单选）/ 确定（多选）" },
	{ "toggle an entry (multiple choice)", "勾选 / 取消（多选）" },
	{ "cancel", "取消" },
	{ "new line", "换行" },
	{ "move by line and column; they never leave the text",
	  "按行、列移动，不会离开文本" },
	{ "scroll a page", "翻页" },
	{ "scroll a page; at the top/bottom: the start/end",
	  "翻页；到顶/底时到文本开头/结尾" },
	{ "start / end of the line; ^K deletes to its end",
	  "行首 / 行尾；^K 删除到行尾" },
	{ "leave the text (next / previous field)", "离开文本（下一项/上一项）" },
	{ "scroll", "滚动" },
	{ "close", "关闭" },

	/* audit */
	{ "no audit entries you may see", "没有可查看的操作记录" },
	{ "showing the newest %zu entries", "显示最近 %zu 条" },
	{ "%zu entries", "共 %zu 条" },
	{ "cannot read the audit log: %s", "无法读取操作记录：%s" },
	{ "created", "新建" },
	{ "changed", "修改" },
	{ "moved", "流转" },
	{ "deleted", "删除" },
	{ "exported", "导出" },
	{ "Up/Down/PgUp/PgDn scroll  Esc close  F1/^_ help",
	  "Up/Down/PgUp/PgDn 滚动  Esc 关闭  F1/^_ 帮助" },
	{ "(empty)", "（空）" },

	/* form screens (tui-form*.c, tui-group.c, tui-workflow.c,
	 * tui-conflict.c, tui-history.c) */
	{ "%s: %s", "%s：%s" },
	{ "%zu problems: %s", "%zu 处需要修改：%s" },
	{ "+ %s %u: %s", "+ %s %u：%s" },
	{ "Enter edit  a add  u up  d down  x remove  Esc back",
	  "Enter 编辑  a 添加  u 上移  d 下移  x 删除  Esc 返回" },
	{ "Enter newline", "Enter 换行" },
	{ "… (+%zu lines)", "…（还有 %zu 行）" },
	{ "Enter starts a new line; Tab goes to the next field",
	  "Enter 换行；Tab 到下一项" },
	{ "Esc back", "Esc 返回" },
	{ "F1/^_ help", "F1/^_ 帮助" },
	{ "Field", "字段" },
	{ "History of %s", "%s 的修改记录" },
	{ "Mine", "我的" },
	{ "Space list", "空格 列表" },
	{ "Space toggle", "空格 切换" },
	{ "Tab next", "Tab 下一项" },
	{ "Theirs", "他人的" },
	{ "Up/Down choose  Enter move  Esc back", "↑↓ 选择  Enter 流转  Esc 返回" },
	{ "Up/Down j/k scroll  Space/b page  g/G first/last  Esc back  "
	  "F1/^_ help",
	  "↑↓ j/k 滚动  空格/b 翻页  g/G 首/末  Esc 返回  F1/^_ 帮助" },
	{ "Up/Down field  t/m theirs/mine  r reload  Enter save  Esc back",
	  "↑↓ 字段  t/m 用他人的/我的  r 重新载入  Enter 保存  Esc 返回" },
	{ "^B save+new", "^B 存并新建" },
	{ "^G members", "^G 成员" },
	{ "^R history", "^R 历史" },
	{ "^S save", "^S 保存" },
	{ "^S save+new", "^S 存并新建" },
	{ "^W workflow", "^W 流转" },
	{ "^X close", "^X 关闭" },
	{ "a member's number is out of range", "成员序号超出范围" },
	{ "add a member", "添加成员" },
	{ "already registered in %s %s", "已在%s %s 中登记" },
	{ "also entered for member %u", "与成员 %u 重复" },
	{ "choose a code: %zu choices match '%s' (Space shows the list)",
	  "有 %zu 项与“%s”相符，请输入代码（空格显示列表）" },
	{ "changed by %s at %s; choose for each field",
	  "已被 %s 于 %s 修改；请逐项选择保留哪一方" },
	{ "codes separated by commas, or Space for the list",
	  "多个代码用逗号分隔，或按空格从列表选择" },
	{ "create", "新建" },
	{ "date: 2026-01-05, 20260105 or 2026年1月5日",
	  "日期：2026-01-05、20260105 或 2026年1月5日" },
	{ "delete", "删除" },
	{ "discard the unsaved changes?", "放弃未保存的修改？" },
	{ "end of the form: ^S saves", "已到最后一项：^S 保存" },
	{ "export", "导出" },
	{ "fill in first: %s", "请先填写：%s" },
	{ "grid", "网格" },
	{ "%s %u of %u", "%s %u / %u" },
	{ "members: %u", "共 %u 人" },
	{ "mobile 13812345678 or landline 0931-1234567",
	  "手机 13812345678 或固话 0931-1234567" },
	{ "move", "流转" },
	{ "moved to %s", "已流转为：%s" },
	{ "new", "新建" },
	{ "no entries", "没有记录" },
	{ "no move from %s is open to you", "“%s”状态下没有您可以进行的流转" },
	{ "no such choice '%s'; Space shows the list", "没有“%s”这一项；按空格显示列表" },
	{ "not saved: %s changed this record meanwhile", "未保存：%s 同时修改了这条记录" },
	{ "not saved yet", "尚未保存" },
	{ "reloaded: showing the saved version", "已重新载入保存的版本" },
	{ "remove member %u (%s)?", "删除成员 %u（%s）？" },
	{ "saved %s", "已保存 %s" },
	{ "saved %s; new record", "已保存 %s；请录入下一条" },
	{ "%u saved, %u/hour", "已存 %u 条 · %u 条/时" },
	{ "someone else changed this record: save with ^S to resolve",
	  "他人已修改这条记录：按 ^S 保存并处理冲突" },
	{ "state", "状态" },
	{ "state: %s", "状态：%s" },
	{ "still needs: %s", "还需填写：%s" },
	{ "the form has no workflow", "此表没有流转" },
	{ "the group is full (%u members at most)", "成员已满（最多 %u 人）" },
	{ "type a code, or Space for the list", "输入代码，或按空格从列表选择" },
	{ "type a value here to add a member; leave it empty to go on",
	  "在此输入即添加成员；留空按 Tab/Enter 继续" },
	{ "update", "修改" },
	{ "Space or y/n", "空格或 y/n" },
	{ "Enter/Space list", "Enter/空格 列表" },
	{ "^G works inside a group of members", "^G 在成员列表中使用" },
	{ "18 characters, the last may be X", "18 位，末位可为 X" },
	{ "is required", "必填" },

};

static bool tr_sorted;

static int
tr_cmp(const void *a, const void *b)
{
	return strcmp(((const struct tr_entry *)a)->en,
	    ((const struct tr_entry *)b)->en);
}

const char *
tr_lang(const char *lang, const char *en)
{
	struct tr_entry key, *e;

	if (lang == NULL || strcmp(lang, "zh") != 0 || en == NULL)
		return en;
	if (!tr_sorted) {
		qsort(tr_zh, nitems(tr_zh), sizeof tr_zh[0], tr_cmp);
		tr_sorted = true;
	}
	key.en = en;
	e = bsearch(&key, tr_zh, nitems(tr_zh), sizeof tr_zh[0], tr_cmp);
	return e != NULL ? e->zh : en;
}

const char *
tr(const struct tui *t, const char *en)
{
	return tr_lang(t != NULL ? t->lang : NULL, en);
}

void
tr_table(const char *const **en, const char *const **zh, size_t *n)
{
	static const char *ven[nitems(tr_zh)], *vzh[nitems(tr_zh)];
	size_t i;

	for (i = 0; i < nitems(tr_zh); i++) {
		ven[i] = tr_zh[i].en;
		vzh[i] = tr_zh[i].zh;
	}
	*en = ven;
	*zh = vzh;
	*n = nitems(tr_zh);
}
