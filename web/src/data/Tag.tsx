import { Tag as AntTag, type TagProps } from 'antd';

/**
 * antd's preset tag colours (green, gold, orange on their pale backgrounds) fall short of WCAG 2.1
 * AA contrast (4.5:1); these are white text on dark tones that pass.
 */
export const AA_COLOURS: Record<string, string> = {
  green: '#237804',
  gold: '#874d00',
  orange: '#ad4e00',
  red: '#a8071a',
  blue: '#0958d9',
};

export function Tag({ color, style, ...props }: TagProps) {
  const background = color ? AA_COLOURS[color] : undefined;
  if (!background) return <AntTag color={color} style={style} {...props} />;
  return <AntTag bordered={false} style={{ background, color: '#fff', ...style }} {...props} />;
}
