import { describe, expect, it } from 'vitest';
import { splitStyleSheet } from './css-split';

describe("antd's style sheet split by the first view's components", () => {
  const sheet = [
    ':root{--x:1}',
    '.ant-table-row{color:red}',
    '.ant-picker{color:blue}',
    '.ant-table .ant-picker{margin:0}',
    '.ant-picker,.ant-btn-primary{padding:0}',
    '.anticon{display:inline-flex}',
    '.ant-btn:where(.ant-input-search-button){border:0}',
    '@keyframes antZoomIn{0%{opacity:0}100%{opacity:1}}',
    '@media (max-width:575px){.ant-col-xs-12{flex:0 0 50%}.ant-picker-dropdown{top:0}}',
    '.ant-select-dropdown .ant-select-item::after{content:"}{ .ant-picker"}',
    '/* a comment { with braces */.ant-tag{color:green}',
    '@media print{.ant-picker{display:none}}',
  ].join('');

  it("keeps the rules that can match the components' elements, at-rules split rule by rule, and sends the rest to the other part", () => {
    const { view, rest } = splitStyleSheet(sheet, ['table', 'btn', 'col', 'select', 'tag']);
    expect(view).toBe(
      [
        ':root{--x:1}',
        '.ant-table-row{color:red}',
        '.ant-picker,.ant-btn-primary{padding:0}',
        '.anticon{display:inline-flex}',
        '@keyframes antZoomIn{0%{opacity:0}100%{opacity:1}}',
        '@media (max-width:575px){.ant-col-xs-12{flex:0 0 50%}}',
        '.ant-select-dropdown .ant-select-item::after{content:"}{ .ant-picker"}',
        '.ant-tag{color:green}',
      ].join(''),
    );
    expect(rest).toBe(
      [
        '.ant-picker{color:blue}',
        '.ant-table .ant-picker{margin:0}',
        '.ant-btn:where(.ant-input-search-button){border:0}',
        '@media (max-width:575px){.ant-picker-dropdown{top:0}}',
        '@media print{.ant-picker{display:none}}',
      ].join(''),
    );
  });

  it('loses no rule: with every component listed, the first part is the whole sheet (comments aside)', () => {
    const { view, rest } = splitStyleSheet(sheet, ['table', 'btn', 'col', 'select', 'tag', 'picker', 'input']);
    expect(rest).toBe('');
    expect(view).toBe(sheet.replace('/* a comment { with braces */', ''));
  });
});
