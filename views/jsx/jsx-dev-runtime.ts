// The development entry of the JSX runtime (some compilers ask for it): the same functions.
export { Fragment, jsxDEV, type JSX } from './jsx-runtime.ts';
