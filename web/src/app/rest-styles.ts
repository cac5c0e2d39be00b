// antd's rules for the components the leader overview's first view does not draw (web/vite.config.ts):
// a module of its own, so that the build gives it its own style sheet, loaded with this module.
import 'antd-styles:rest.css';
