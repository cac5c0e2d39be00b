import ExcelJS from 'exceljs';
import type { Period, ReviewSection } from './review';

/*
 * The review as an Excel workbook (.xlsx) for the meeting: one sheet per section, Chinese headers,
 * the period in each sheet's title. Built from the same sections the screen draws. The view loads
 * this module (and exceljs with it) only when the user exports.
 */

/** Header of the first column; the test and anyone reading the file find the table by it. */
export const DEPARTMENT_HEADER = '部门';
export const TOTAL_LABEL = '合计';

export function reviewTitle(period: Period): string {
  return `两月研判（${period.from} 至 ${period.to}）`;
}

export function reviewFileName(period: Period): string {
  return `两月研判_${period.from}_${period.to}.xlsx`;
}

/** Rows: 1 the title, 2 the note, 3 the headers, then one per department and the totals row. */
export function buildReviewWorkbook(sections: readonly ReviewSection[], period: Period): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '综合监管联动执法平台';
  workbook.title = reviewTitle(period);
  for (const section of sections) {
    const sheet = workbook.addWorksheet(section.zh, {
      // A4 landscape, one page wide, as the review is printed for the meeting.
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    const width = section.columns.length + 1;
    sheet.addRow([`${reviewTitle(period)} ${section.zh}`]);
    sheet.addRow([
      `统计期间 ${period.from} 至 ${period.to}；“期末逾期”为期末（进行中的期间为当日）时点数；“—”或空白表示该数据暂不可用。${section.totalNote ? section.totalNote.zh : ''}`,
    ]);
    sheet.mergeCells(1, 1, 1, width);
    sheet.mergeCells(2, 1, 2, width);
    sheet.getRow(1).font = { bold: true, size: 14 };
    const header = sheet.addRow([DEPARTMENT_HEADER, ...section.columns.map((c) => c.zh)]);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
    for (const row of [...section.rows.map((r) => ({ label: r.nameZh, values: r.values })), { label: TOTAL_LABEL, values: section.total }]) {
      const added = sheet.addRow([row.label, ...section.columns.map((c) => row.values[c.key] ?? null)]);
      section.columns.forEach((c, i) => {
        if (c.percent) added.getCell(i + 2).numFmt = '0.0%';
      });
      if (row.label === TOTAL_LABEL) added.font = { bold: true };
    }
    sheet.getColumn(1).width = 22;
    for (let i = 2; i <= width; i++) sheet.getColumn(i).width = 12;
    sheet.views = [{ state: 'frozen', ySplit: 3, xSplit: 1 }];
  }
  return workbook;
}

/** The workbook as an .xlsx file's bytes. */
export async function reviewWorkbookBytes(sections: readonly ReviewSection[], period: Period): Promise<ArrayBuffer> {
  return (await buildReviewWorkbook(sections, period).xlsx.writeBuffer()) as ArrayBuffer;
}
