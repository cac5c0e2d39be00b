import { ConfigProvider } from 'antd';
import useLayoutStyle from 'antd/es/layout/style';
import useMenuStyle from 'antd/es/menu/style';
import useSpaceStyle from 'antd/es/space/style';
import useTypographyStyle from 'antd/es/typography/style';
import { useContext } from 'react';

/**
 * The CSS variables of antd's Layout, Menu, Space and Typography, registered as the components
 * themselves do (`.css-var-hub.ant-menu-css-var{--ant-menu-…}` and the others), for the app's frame
 * written in their markup and classes without the components (./Layout.tsx). antd's zero-runtime
 * style sheet reads the menu's colours, heights and paddings from these variables, and only the
 * components' style hooks set them.
 */
export function useFrameMarkupVars(): void {
  const { getPrefixCls } = useContext(ConfigProvider.ConfigContext);
  useLayoutStyle(getPrefixCls('layout'));
  const menu = getPrefixCls('menu');
  useMenuStyle(menu, `${menu}-css-var`);
  useSpaceStyle(getPrefixCls('space'));
  useTypographyStyle(getPrefixCls('typography'));
}
