/*
 * tui-form-text.c — the words of the form screens: their Chinese strings
 * (ftr: tr() first, then this table), a field path as a person reads it
 * ("家庭成员 2 · 姓名"), a stored value as shown (choice labels, yes/no),
 * and the notes attached to fields (errors, duplicates).
 */
#include <stdlib.h>
#include <string.h>

#include "tui-form.h"

/* The form screens' interface strings in Chinese (tr() is asked first). */
#define FTR_TABLE \
	X("%s: %s", "%s：%s") \
	X("%zu problems: %s", "%zu 处需要修改：%s") \
	X("+ %s %u: %s", "+ %s %u：%s") \
	X("Enter edit  a add  u up  d down  x remove  Esc back", \
	    "Enter 编辑  a 添加  u 上移  d 下移  x 删除  Esc 返回") \
	X("Enter newline", "Enter 换行") \
	X("Enter starts a new line; Tab goes to the next field", \
	    "Enter 换行；Tab 到下一项") \
	X("Esc back", "Esc 返回") \
	X("F1 help", "F1 帮助") \
	X("Field", "字段") \
	X("History of %s", "%s 的修改记录") \
	X("Mine", "我的") \
	X("Space list", "空格 列表") \
	X("Space toggle", "空格 切换") \
	X("Tab next", "Tab 下一项") \
	X("Theirs", "他人的") \
	X("Up/Down choose  Enter move  Esc back", \
	    "↑↓ 选择  Enter 流转  Esc 返回") \
	X("Up/Down j/k scroll  Space/b page  g/G first/last  Esc back", \
	    "↑↓ j/k 滚动  空格/b 翻页  g/G 首/末  Esc 返回") \
	X("Up/Down field  t/m theirs/mine  r reload  Enter save  Esc back", \
	    "↑↓ 字段  t/m 用他人的/我的  r 重新载入  Enter 保存  Esc 返回") \
	X("^B save+new", "^B 存并新建") \
	X("^G members", "^G 成员") \
	X("^R history", "^R 历史") \
	X("^S save", "^S 保存") \
	X("^S save+new", "^S 存并新建") \
	X("^W workflow", "^W 流转") \
	X("^X close", "^X 关闭") \
	X("a member's number is out of range", "成员序号超出范围") \
	X("add a member", "添加成员") \
	X("already registered in %s %s", "已在%s %s 中登记") \
	X("also entered for member %u", "与成员 %u 重复") \
	X("choose a code: %zu choices match '%s' (Space shows the list)", \
	    "有 %zu 项与“%s”相符，请输入代码（空格显示列表）") \
	X("changed by %s at %s; choose for each field", \
	    "已被 %s 于 %s 修改；请逐项选择保留哪一方") \
	X("codes separated by commas, or Space for the list", \
	    "多个代码用逗号分隔，或按空格从列表选择") \
	X("create", "新建") \
	X("date: 2026-01-05, 20260105 or 2026年1月5日", \
	    "日期：2026-01-05、20260105 或 2026年1月5日") \
	X("delete", "删除") \
	X("discard the unsaved changes?", "放弃未保存的修改？") \
	X("end of the form: ^S saves", "已到最后一项：^S 保存") \
	X("export", "导出") \
	X("fill in first: %s", "请先填写：%s") \
	X("grid", "网格") \
	X("%s %u of %u", "%s %u / %u") \
	X("members: %u", "共 %u 人") \
	X("mobile 13812345678 or landline 0931-1234567", \
	    "手机 13812345678 或固话 0931-1234567") \
	X("move", "流转") \
	X("moved to %s", "已流转为：%s") \
	X("new", "新建") \
	X("no", "否") \
	X("no entries", "没有记录") \
	X("no move from %s is open to you", "“%s”状态下没有您可以进行的流转") \
	X("no such choice '%s'; Space shows the list", \
	    "没有“%s”这一项；按空格显示列表") \
	X("not saved: %s changed this record meanwhile", \
	    "未保存：%s 同时修改了这条记录") \
	X("not saved yet", "尚未保存") \
	X("reloaded: showing the saved version", "已重新载入保存的版本") \
	X("remove member %u (%s)?", "删除成员 %u（%s）？") \
	X("saved %s", "已保存 %s") \
	X("saved %s; new record", "已保存 %s；请录入下一条") \
	X("%u saved, %u/hour", "已存 %u 条 · %u 条/时") \
	X("someone else changed this record: save with ^S to resolve", \
	    "他人已修改这条记录：按 ^S 保存并处理冲突") \
	X("state", "状态") \
	X("state: %s", "状态：%s") \
	X("still needs: %s", "还需填写：%s") \
	X("the form has no workflow", "此表没有流转") \
	X("the group is full (%u members at most)", "成员已满（最多 %u 人）") \
	X("type a code, or Space for the list", "输入代码，或按空格从列表选择") \
	X("type a value here to add a member; leave it empty to go on", \
	    "在此输入即添加成员；留空按 Tab/Enter 继续") \
	X("update", "修改") \
	X("Space or y/n", "空格或 y/n") \
	X("yes", "是") \
	X("Enter/Space list  Tab skip", "Enter/空格 列表  Tab 跳过") \
	X("^G works inside a group of members", "^G 在成员列表中使用") \
	X("18 characters, the last may be X", "18 位，末位可为 X") \
	X("is required", "必填")

#define X(e, z) e,
static const char *const ftr_en[] = { FTR_TABLE };
#undef X
#define X(e, z) z,
static const char *const ftr_zh[] = { FTR_TABLE };
#undef X

const char *
ftr(const struct tui *t, const char *en)
{
	const char *r = tr(t, en);
	size_t i;

	if (r != en && strcmp(r, en) != 0)
		return r;
	if (t->lang == NULL || strcmp(t->lang, "zh") != 0)
		return en;
	for (i = 0; i < nitems(ftr_en); i++)
		if (strcmp(ftr_en[i], en) == 0)
			return ftr_zh[i];
	return en;
}

void
ftr_table(const char *const **en, const char *const **zh, size_t *n)
{
	*en = ftr_en;
	*zh = ftr_zh;
	*n = nitems(ftr_en);
}

static enum field_kind
kind(const struct field *f)
{
	return f->type->kind;
}

char *
tform_path_label(const struct tui *t, const struct form *fm, const char *path)
{
	const struct field *f, *g;
	char *dot, *gname;
	unsigned long n;

	if (strcmp(path, "_state") == 0)
		return xstrdup(ftr(t, "state"));
	if (strcmp(path, "_grid") == 0)
		return xstrdup(ftr(t, "grid"));
	f = form_field(fm, path);
	if (f == NULL)
		return xstrdup(path);
	if (f->parent == NULL || (dot = strchr(path, '.')) == NULL)
		return xstrdup(label_get(&f->label, t->lang));
	g = f->parent;
	gname = xstrndup(path, (size_t)(dot - path));
	n = strtoul(dot + 1, NULL, 10);
	free(gname);
	if (n == 0)
		return xasprintf("%s · %s", label_get(&g->label, t->lang),
		    label_get(&f->label, t->lang));
	return xasprintf("%s %lu · %s", label_get(&g->label, t->lang), n,
	    label_get(&f->label, t->lang));
}

char *
tform_show(const struct tui *t, const struct field *f, const char *v)
{
	const struct choice *c;
	struct buf b = BUF_INIT;
	char *list, *p, *code;

	if (v == NULL)
		return xstrdup("");
	switch (kind(f)) {
	case FK_CHOICE:
		c = f->choices != NULL ? list_choice(f->choices, v) : NULL;
		if (c == NULL)
			return xstrdup(v);
		return xasprintf("%s %s", v, label_get(&c->label, t->lang));
	case FK_MULTICHOICE:
		list = xstrdup(v);
		for (p = list; (code = strsep(&p, ",")) != NULL;) {
			c = f->choices != NULL ? list_choice(f->choices, code) :
			    NULL;
			if (b.len > 0)
				buf_adds(&b, "、");
			buf_adds(&b, c != NULL ? label_get(&c->label, t->lang) :
			    code);
		}
		free(list);
		return buf_steal(&b);
	case FK_BOOL:
		if (strcmp(v, "1") == 0)
			return xstrdup(ftr(t, "yes"));
		if (strcmp(v, "0") == 0)
			return xstrdup(ftr(t, "no"));
		return xstrdup(v);
	default:
		if (f->type->format != NULL && (p = f->type->format(v)) != NULL)
			return p;
		return xstrdup(v);
	}
}

/* Notes. */

const char *
tform_note_get(const struct fstate *fs, const char *path)
{
	size_t i;

	for (i = 0; i < fs->nnotes; i++)
		if (strcmp(fs->notes[i].path, path) == 0)
			return fs->notes[i].msg;
	return NULL;
}

void
tform_note_clear(struct fstate *fs, const char *path)
{
	size_t i;

	for (i = 0; i < fs->nnotes; i++) {
		if (strcmp(fs->notes[i].path, path) != 0)
			continue;
		free(fs->notes[i].path);
		free(fs->notes[i].msg);
		fs->notes[i] = fs->notes[--fs->nnotes];
		return;
	}
}

void
tform_note(struct fstate *fs, const char *path, const char *msg)
{
	tform_note_clear(fs, path);
	fs->notes = xreallocarray(fs->notes, fs->nnotes + 1,
	    sizeof *fs->notes);
	fs->notes[fs->nnotes].path = xstrdup(path);
	fs->notes[fs->nnotes].msg = xstrdup(msg);
	fs->nnotes++;
}

void
tform_notes_clear(struct fstate *fs)
{
	size_t i;

	for (i = 0; i < fs->nnotes; i++) {
		free(fs->notes[i].path);
		free(fs->notes[i].msg);
	}
	free(fs->notes);
	fs->notes = NULL;
	fs->nnotes = 0;
}
