import type { ProcedureMap } from '@opennrm/domain';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadPng, downloadSvg } from './export';
import type { Measure } from './map-shapes';
import { ProcedureMapSvg } from './procedure-map-svg';
import { ProcedureMapTable } from './procedure-map-table';
import './procedure-map.css';

/** Text widths from the browser's own fonts, so labels are placed where they really end. */
function useCanvasMeasure(fontFamily: string | undefined): Measure | undefined {
  return useMemo(() => {
    if (!fontFamily) return undefined;
    const context = document.createElement('canvas').getContext('2d');
    if (!context) return undefined;
    const cache = new Map<string, number>();
    return (text, size, bold) => {
      const key = `${size}|${bold ? 1 : 0}|${text}`;
      let width = cache.get(key);
      if (width === undefined) {
        context.font = `${bold ? 700 : 400} ${size}px ${fontFamily}`;
        width = context.measureText(text).width;
        cache.set(key, width);
      }
      return width;
    };
  }, [fontFamily]);
}

/** The page's font stack in the current language, once the fonts are ready. */
function usePageFont(language: string): string | undefined {
  const [font, setFont] = useState<string>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the page's font follows its language (the lang attribute)
  useEffect(() => {
    let live = true;
    const read = () => {
      if (live) setFont(getComputedStyle(document.body).fontFamily || undefined);
    };
    read();
    void document.fonts?.ready.then(read);
    return () => {
      live = false;
    };
  }, [language]);
  return font;
}

/** The width available to the map; it never lays out narrower than its minimum, and scrolls. */
function useWidth(element: HTMLElement | null): number | undefined {
  const [width, setWidth] = useState<number>();
  useEffect(() => {
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, [element]);
  return width;
}

/** The map with its downloads and its table equivalent. */
export function ProcedureMapView({ map }: { map: ProcedureMap }) {
  const { t, i18n } = useTranslation();
  const svgRef = useRef<SVGSVGElement>(null);
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const [failed, setFailed] = useState(false);
  const [busy, setBusy] = useState(false);
  const font = usePageFont(i18n.language);
  const measure = useCanvasMeasure(font);
  const width = useWidth(scroller);

  const png = async () => {
    if (!svgRef.current) return;
    setFailed(false);
    setBusy(true);
    try {
      await downloadPng(svgRef.current, map.reference);
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="procedure-map__toolbar">
        <button
          type="button"
          className="button button--secondary"
          onClick={() => svgRef.current && downloadSvg(svgRef.current, map.reference)}
        >
          {t('procedureMap.downloadSvg')}
        </button>
        <button type="button" className="button button--secondary" onClick={png} disabled={busy}>
          {t('procedureMap.downloadPng')}
        </button>
        {failed ? (
          <p className="procedure-map__error" role="alert">
            {t('procedureMap.exportFailed')}
          </p>
        ) : null}
      </div>
      <section
        className="procedure-map__scroll"
        ref={setScroller}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable for keyboard users
        tabIndex={0}
        aria-label={t('procedureMap.scrollLabel')}
      >
        <ProcedureMapSvg
          map={map}
          width={width ? width - 2 : undefined}
          measure={measure}
          fontFamily={font}
          svgRef={svgRef}
        />
      </section>
      <details className="procedure-map__table-toggle">
        <summary>{t('procedureMap.showTable')}</summary>
        <ProcedureMapTable map={map} />
      </details>
    </>
  );
}
