/**
 * Downloads of the procedure map. The SVG is drawn with presentation attributes only (no CSS
 * classes), so the serialised markup stands alone; the font stack is written on the root so it
 * renders with the same fonts wherever the reader has them.
 */

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The map as a standalone SVG document. */
export function serialiseSvg(svg: SVGSVGElement): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', SVG_NS);
  clone.removeAttribute('class');
  clone.removeAttribute('style');
  const font = getComputedStyle(svg).fontFamily;
  if (font) clone.setAttribute('font-family', font);
  const lang = clone.getAttribute('lang');
  if (lang) clone.setAttribute('xml:lang', lang);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** `procedure-map-NRM-2026-000142.svg`: the reference is already safe in a file name. */
export function exportFileName(reference: string, extension: 'svg' | 'png'): string {
  return `procedure-map-${reference.replace(/[^A-Za-z0-9-]/g, '_')}.${extension}`;
}

export function downloadSvg(svg: SVGSVGElement, reference: string): void {
  const blob = new Blob([serialiseSvg(svg)], { type: 'image/svg+xml;charset=utf-8' });
  download(blob, exportFileName(reference, 'svg'));
}

/** The serialised SVG drawn into a canvas at `scale` times its size, as PNG. */
export async function renderPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
  const width = svg.width.baseVal.value;
  const height = svg.height.baseVal.value;
  const url = URL.createObjectURL(new Blob([serialiseSvg(svg)], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const image = new Image();
    image.width = width;
    image.height = height;
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no 2D canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadPng(svg: SVGSVGElement, reference: string): Promise<void> {
  download(await renderPng(svg), exportFileName(reference, 'png'));
}
