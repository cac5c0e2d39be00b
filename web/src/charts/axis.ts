/**
 * A category axis of department names with every name on it. ECharts hides category labels that
 * would overlap (in English every other department went missing): here each label is shown, and a
 * long one wraps onto lines at most `width` pixels wide (at word breaks) instead of running into the next.
 * The line height is given: ECharts otherwise derives it from the width of a CJK glyph, which a
 * browser without a CJK font measures too small, and the lines then overlap.
 */
export function namesAxis(names: string[], width = 96) {
  return { type: 'category', data: names, axisLabel: { interval: 0, width, overflow: 'break', lineHeight: 14 } };
}
