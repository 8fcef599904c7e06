/*
 * tui-msg.c — messages from the layers below (field parsers, record
 * validation, app saves and moves) in the interface's language.  Those
 * layers speak English ("at least 1 member required (got 0)"); the screen
 * matches each message against the patterns below and rewrites it.
 *
 * A pattern is the English text with '*' for each variable part (shortest
 * match first, so put the longer, more specific patterns first).  In a
 * rewrite, $1..$9 put back what the stars matched; @1..@9 put it back
 * translated itself (for "HH-000012: <field message>").  A NULL rewrite
 * keeps the message as it is in that language; English rewrites only where
 * the record layer's text does not suit a screen (it lists Chinese labels).
 * A message that matches nothing is shown unchanged.
 */
#include <stdlib.h>
#include <string.h>

#include "tui-int.h"

#define MSG_MAXCAP 9

struct msg_pat {
	const char	*pat;
	const char	*en;		/* NULL: unchanged */
	const char	*zh;
};

static const struct msg_pat msg_pats[] = {
	/* record-validate.c */
	{ "is required", NULL, "必填" },
	{ "at least * member* required (got *)", NULL,
	  "至少需要 $1 人（现有 $3 人）" },
	{ "at most * member* allowed (got *)", NULL,
	  "最多 $1 人（现有 $3 人）" },
	{ "'*' is not one of: *", "no such choice '$1'; Space shows the list",
	  "没有“$1”这一项；按空格显示列表" },
	{ "must not be before * (today) (got *)", NULL,
	  "不能早于今天（$1），填的是 $2" },
	{ "must not be after * (today) (got *)", NULL,
	  "不能晚于今天（$1），填的是 $2" },
	{ "must not be before * (got *)", NULL, "不能早于 $1，填的是 $2" },
	{ "must not be after * (got *)", NULL, "不能晚于 $1，填的是 $2" },
	{ "must be exactly * character* (got *)", NULL,
	  "必须是 $1 个字（现有 $3 个）" },
	{ "must be at least * character* (got *)", NULL,
	  "至少 $1 个字（现有 $3 个）" },
	{ "must be at most * character* (got *)", NULL,
	  "最多 $1 个字（现有 $3 个）" },
	{ "must be exactly * choice* (got *)", NULL,
	  "必须选 $1 项（已选 $3 项）" },
	{ "must be at least * choice* (got *)", NULL,
	  "至少选 $1 项（已选 $3 项）" },
	{ "must be at most * choice* (got *)", NULL,
	  "最多选 $1 项（已选 $3 项）" },
	{ "must be at least * (got *)", NULL, "不能小于 $1，填的是 $2" },
	{ "must be at most * (got *)", NULL, "不能大于 $1，填的是 $2" },
	{ "'*' does not match the pattern *", NULL, "“$1”格式不对（应为 $2）" },
	{ "same as * (*)", NULL, "与 $1 重复（$2）" },
	{ "required before moving to *", NULL, "流转到“$1”之前必须填写" },
	{ "the record has no workflow state", NULL, "记录没有流程状态" },
	{ "unknown workflow state '*'", NULL, "未知的流程状态“$1”" },

	/* field-*.c */
	{ "'*' is not yes or no (*)", NULL,
	  "“$1”不是“是”或“否”（可填 y/n、1/0、是/否、有/无）" },
	{ "names no choice (*)", NULL, "没有选择任何一项（多项用逗号分隔）" },
	{ "'*' is not a date (*)", NULL,
	  "“$1”不是日期（如 2026-01-05、20260105 或 2026年1月5日）" },
	{ "year * is before 1800", NULL, "年份 $1 早于 1800 年" },
	{ "* is not a real date (month * does not exist)", NULL,
	  "$1 不是有效日期（没有 $2 月）" },
	{ "* is not a real date (* has * days)", NULL,
	  "$1 不是有效日期（$2 只有 $3 天）" },
	{ "'*' is not a number (*)", NULL, "“$1”不是数字（如 3.5 或 -12）" },
	{ "'*' has too many digits (at most * before and * after the point)",
	  NULL, "“$1”位数太多（整数最多 $2 位，小数最多 $3 位）" },
	{ "birth date * is not a real date", NULL,
	  "号码中的出生日期 $1 不是有效日期" },
	{ "birth date * is before 1880", NULL, "号码中的出生日期 $1 早于 1880 年" },
	{ "birth date * is in the future", NULL,
	  "号码中的出生日期 $1 晚于今天" },
	{ "X is only allowed as the last character (found at character *)",
	  NULL, "X 只能是最后一位（第 $1 位是 X）" },
	{ "byte * at character * is not a digit", NULL, "第 $2 位不是数字" },
	{ "'*' at character * is not a digit", NULL, "第 $2 位“$1”不是数字" },
	{ "an old 15-digit number has no check character X", NULL,
	  "15 位旧号码没有校验位 X" },
	{ "18 digits expected, got *", NULL, "应为 18 位，现有 $1 位" },
	{ "check digit should be *, not *", NULL,
	  "校验位应为 $1，不是 $2：请核对号码" },
	{ "'*' is not a whole number (*)", NULL, "“$1”不是整数（如 42 或 -7）" },
	{ "* is out of range (whole numbers go from * to *)", NULL,
	  "$1 超出范围（整数从 $2 到 $3）" },
	{ "'*' is not a phone number (only digits, spaces and '-' belong in "
	  "one; *)", NULL,
	  "“$1”不是电话号码（只能有数字、空格和 -；手机如 13812345678，"
	  "固话如 0931-1234567）" },
	{ "'*' is not a phone number (*)", NULL,
	  "“$1”不是电话号码（手机如 13812345678，固话如 0931-1234567）" },
	{ "a mobile number has 11 digits, got *", NULL,
	  "手机号应为 11 位，现有 $1 位" },
	{ "a mobile number starts with 13 to 19, not *", NULL,
	  "手机号以 13 至 19 开头，不是 $1" },
	{ "'*' lacks the area code (*)", NULL,
	  "“$1”缺少区号（如 0931-1234567）" },
	{ "a landline number is the area code (*) and 7 or 8 digits, got *",
	  NULL, "固话为区号（$1）加 7 或 8 位号码，现有 $2 位" },
	{ "an area code starts with a single 0, not *", NULL,
	  "区号以一个 0 开头，不是 $1" },
	{ "'*' is not a record id (*)", NULL,
	  "“$1”不是记录编号（如 HH-000231，不含空格）" },
	{ "is not valid UTF-8 text (*)", NULL, "含有无法识别的字符（$1）" },
	{ "must be a single line (line break at character *)", NULL,
	  "只能填一行（第 $1 个字处有换行）" },
	{ "contains a control character (*) at character *", NULL,
	  "第 $2 个字是控制字符（$1）" },

	/* app-record.c */
	{ "* not found (deleted by someone else?)", NULL,
	  "找不到 $1（已被他人删除？）" },
	{ "* was changed by * since you read it (rev *, now rev *)*", NULL,
	  "$1 已被 $2 修改（版本 $3 → $4）" },
	{ "* * is already registered in a * of another grid", NULL,
	  "$2 已在其他网格的记录中登记" },
	{ "* * is already registered in * #*", NULL, "$2 已在 $3 #$4 中登记" },
	{ "* * is already registered in * *", NULL, "$2 已在 $3 $4 中登记" },
	{ "* is not a grid of *; grids: *", NULL,
	  "“$1”不是本社区的网格；网格有：$3" },
	{ "*: you (*) may not save a * in grid *; your grids: *", NULL,
	  "不能保存：网格 $4 不归您（$2）管理；您负责的网格：$5" },
	{ "you (*) may not save a * in grid *; your grids: *", NULL,
	  "网格 $3 不归您（$1）管理；您负责的网格：$4" },
	{ "* not saved: * problems", NULL, "$1 未保存：$2 处问题" },
	{ "* not saved: * problem", NULL, "$1 未保存：$2 处问题" },
	{ "*: your role * may not move it from * to * (allowed: *)", NULL,
	  "您的角色不能从“$3”流转到“$4”（可以：$5）" },
	{ "*: no move from * to *; from *: *", NULL,
	  "不能从“$2”流转到“$3”" },
	{ "* not moved to *: fill * first", NULL,
	  "$1 未流转到“$2”：请先填写 $3" },
	{ "*: form * has no workflow", NULL, "此表没有流转" },

	/* "HH-000012: <a message above>" */
	{ "*: *", NULL, "$1：@2" },
};

/* Match s against pat; caps[i] = {start, length}.  Stars match as little
 * as they can. */
static bool
msg_match(const char *pat, const char *s, const char *(*caps)[2],
    size_t ncap)
{
	const char *p;

	for (; *pat != '\0'; pat++, s++) {
		if (*pat == '*') {
			if (ncap >= MSG_MAXCAP)
				return false;
			for (p = s;; p++) {
				caps[ncap][0] = s;
				caps[ncap][1] = p;
				if (msg_match(pat + 1, p, caps, ncap + 1))
					return true;
				if (*p == '\0')
					return false;
			}
		}
		if (*s != *pat)
			return false;
	}
	return *s == '\0';
}

static char *msg_tr(const char *lang, const char *msg, int depth);

static char *
msg_rewrite(const char *lang, const char *tmpl, const char *(*caps)[2],
    size_t ncap, int depth)
{
	struct buf b = BUF_INIT;
	char *cap, *inner;
	size_t i;

	for (; *tmpl != '\0'; tmpl++) {
		if ((*tmpl == '$' || *tmpl == '@') && tmpl[1] >= '1' &&
		    tmpl[1] <= '9' && (size_t)(tmpl[1] - '1') < ncap) {
			i = (size_t)(tmpl[1] - '1');
			cap = xstrndup(caps[i][0], (size_t)(caps[i][1] -
			    caps[i][0]));
			if (*tmpl == '@') {
				inner = msg_tr(lang, cap, depth + 1);
				buf_adds(&b, inner);
				free(inner);
			} else
				buf_adds(&b, cap);
			free(cap);
			tmpl++;
			continue;
		}
		buf_addc(&b, *tmpl);
	}
	return buf_steal(&b);
}

static size_t
msg_stars(const char *pat)
{
	size_t n = 0;

	for (; *pat != '\0'; pat++)
		n += *pat == '*';
	return n;
}

static char *
msg_tr(const char *lang, const char *msg, int depth)
{
	const char *caps[MSG_MAXCAP][2];
	const struct msg_pat *m;
	const char *tmpl;
	char *inner, *r;
	size_t i;
	bool zh = lang != NULL && strcmp(lang, "zh") == 0;

	if (msg == NULL)
		return xstrdup("");
	for (i = 0; depth < 3 && i < nitems(msg_pats); i++) {
		m = &msg_pats[i];
		if (!msg_match(m->pat, msg, caps, 0))
			continue;
		tmpl = zh ? m->zh : m->en;
		if (tmpl == NULL)
			break;
		if (strcmp(m->pat, "*: *") == 0) {
			/* Only when the part after the colon is known. */
			inner = xstrndup(caps[1][0], (size_t)(caps[1][1] -
			    caps[1][0]));
			r = msg_tr(lang, inner, depth + 1);
			if (strcmp(r, inner) == 0) {
				free(inner);
				free(r);
				break;
			}
			free(inner);
			free(r);
		}
		return msg_rewrite(lang, tmpl, caps, msg_stars(m->pat), depth);
	}
	return xstrdup(msg);
}

char *
tr_app(const struct tui *t, const char *msg)
{
	return msg_tr(t != NULL ? t->lang : NULL, msg, 0);
}

char *
tr_app_lang(const char *lang, const char *msg)
{
	return msg_tr(lang, msg, 0);
}
