import { lang } from './i18n.js';

// Small helpers the staff pages share.

/** An element with properties and children. */
export const el = (tag, props = {}, ...children) => {
  const element = Object.assign(document.createElement(tag), props);
  element.append(...children);
  return element;
};

/** The locale dates and times are written in: the page's language. */
export const locale = lang === 'en' ? 'en-GB' : 'zh-CN';
