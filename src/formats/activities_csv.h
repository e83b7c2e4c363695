/*
 * activities_csv.h: reading an activity log kept in a spreadsheet (CSV, or
 * the first sheet of an XLSX workbook), for `gemis activity import` and the
 * web's import (docs/activities.md).
 *
 * The first row names the columns, in any order, in English or Vietnamese,
 * any case, with or without diacritics:
 *
 *   date          ngày            30/11/2026, 2026-11-30, or a date cell
 *   agency        cơ quan         vhxh, or its name ("Phòng Văn hóa - Xã hội")
 *   kind          loại            news, broadcast, event, training, conference,
 *                                 home_visit, mediation, or "tin, bài", "chuyên
 *                                 mục", "sự kiện", "tập huấn", "hội nghị",
 *                                 "thăm hộ", "hòa giải"
 *   channel       kênh            loudspeaker, portal, social, banner, direct, or
 *                                 "loa truyền thanh", "trang thông tin điện tử",
 *                                 "fanpage", "Zalo", "băng rôn", "trực tiếp"
 *   title         tiêu đề         what it was
 *   place         địa bàn         the village or group reached
 *   women, men    nữ, nam         participants, where counted
 *   task          nhiệm vụ        the task it serves, by its number in the plan
 *   action_month  tháng hành động 1/0, có/không, yes/no (default: from the date)
 *   unit          mã đơn vị       the commune's code (default: the one imported for)
 *
 * date, kind and title are required, and agency unless the import gives
 * one.  Every problem is named by its line (row) and column; the reader
 * itself checks only what it can without the database.
 */
#ifndef GEMIS_ACTIVITIES_CSV_H
#define GEMIS_ACTIVITIES_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "core/activities.h"
#include "core/date.h"
#include "core/validate.h"
#include "util/err.h"

struct act_row {
	long line;            /* the row in the file, from 1 (the header) */
	char unit[16];        /* "" when the file has no unit column */
	int agency;           /* agency kind index; -1 when not given */
	struct date day;
	int kind;             /* enum act_kind */
	int channel;          /* enum act_channel, -1 when not given */
	char title[ACT_TITLE_MAX + 1];
	char place[ACT_PLACE_MAX + 1];
	int women, men;       /* -1 when not given */
	char task[48];        /* as written, "" for none */
	int action_month;     /* 1, 0, or -1 when not given */
};

#define ACTIVITY_FILE_MAX ((size_t)16 << 20)

/* Reads a CSV or XLSX file (by its first bytes); *rows (caller frees) gets
 * its n activities.  A problem with a row goes to d and the row is left
 * out; GEMIS_EFORMAT when the file cannot be read at all (no header, an
 * unknown or missing column), with the message in e. */
enum gemis_err activities_read(const void *data, size_t len, struct act_row **rows, size_t *n, struct diags *d,
			       struct errctx *e);

#endif
