// v-css="{ width: '612px', '--scale-factor': '1.3' }": style properties set
// through the CSSOM (element.style.setProperty), which the app's CSP
// (style-src 'self') allows, where a style="" attribute would be refused.
import type { Directive } from "vue";

type Props = Record<string, string>;

function apply(el: HTMLElement, value: Props, old: Props | undefined) {
  for (const [k, v] of Object.entries(value)) if (old?.[k] !== v) el.style.setProperty(k, v);
  for (const k of Object.keys(old ?? {})) if (!(k in value)) el.style.removeProperty(k);
}

export const vCss: Directive<HTMLElement, Props> = {
  mounted: (el, { value }) => apply(el, value, undefined),
  updated: (el, { value, oldValue }) => apply(el, value, oldValue ?? undefined),
};
