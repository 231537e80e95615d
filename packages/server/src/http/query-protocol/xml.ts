/** Escapes text for an XML element body. `\r` is kept as a reference so parsers do not fold it. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (c) => {
    switch (c) {
      case '&':
        return '&amp;';
      case '<':
        return '&lt;';
      case '>':
        return '&gt;';
      case '"':
        return '&quot;';
      case "'":
        return '&apos;';
      default:
        return '&#13;';
    }
  });
}

export const element = (name: string, inner: string): string => `<${name}>${inner}</${name}>`;
