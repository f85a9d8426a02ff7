import type { ProcedureMap } from '@opennrm/domain';
import { type Ref, useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { layoutProcedureMap } from './layout';
import type { LegendKind, MapLabel, MapLayout, Measure } from './map-shapes';
import { LEGEND_SWATCH_WIDTH } from './map-shapes';
import { localText, mapText, mapTooltips } from './map-text';
import { CHART, FONT_STACK, INK, MARKER, REFERRAL, STAGE } from './palette';

interface Props {
  map: ProcedureMap;
  /** Width to lay out for; the map never gets narrower than the layout's minimum (it scrolls). */
  width?: number;
  measure?: Measure;
  /** The resolved font stack; the page's own by default. */
  fontFamily?: string;
  svgRef?: Ref<SVGSVGElement>;
}

/** First-strong isolation: a Latin name keeps its punctuation in place inside right-to-left text. */
const isolated = (text: string) => `\u2068${text}\u2069`;

function Text({
  label,
  halo = false,
  isolate = false,
}: {
  label: MapLabel;
  halo?: boolean;
  isolate?: boolean;
}) {
  return (
    <text
      x={round(label.x)}
      y={round(label.y)}
      textAnchor={label.anchor}
      fontSize={label.size}
      fontWeight={label.bold ? 700 : 400}
      fill={INK[label.tone]}
      {...(halo
        ? { stroke: CHART.background, strokeWidth: 4, strokeLinejoin: 'round' as const, paintOrder: 'stroke' }
        : {})}
    >
      {isolate ? isolated(label.text) : label.text}
    </text>
  );
}

const round = (n: number) => Math.round(n * 10) / 10;

function Diamond({ x, y, size, fill, stroke, dash }: DiamondProps) {
  const d = `M${round(x)} ${round(y - size)}L${round(x + size)} ${round(y)}L${round(x)} ${round(y + size)}L${round(x - size)} ${round(y)}Z`;
  return <path d={d} fill={fill} stroke={stroke} strokeWidth={1.5} strokeDasharray={dash} />;
}
interface DiamondProps {
  x: number;
  y: number;
  size: number;
  fill: string;
  stroke: string;
  dash?: string | undefined;
}

/** Pattern ids, unique on the page (React's ids hold characters not allowed in url(#...)). */
function usePatternIds() {
  const base = useId().replace(/[^a-zA-Z0-9]/g, '');
  return {
    title: `pm${base}-title`,
    desc: `pm${base}-desc`,
    hatch: (tone: keyof typeof REFERRAL) => `pm${base}-hatch-${tone}`,
  };
}

/** The procedure map as an SVG picture: see layout.ts for what goes where. */
export function ProcedureMapSvg({ map, width, measure, fontFamily, svgRef }: Props) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const rtl = i18n.dir(language) === 'rtl';
  const layout = useMemo(
    () => layoutProcedureMap(map, { rtl, width, measure, text: mapText(t, language, map) }),
    [map, rtl, width, measure, t, language],
  );
  const tips = mapTooltips(t, language);
  const ids = usePatternIds();
  const current = map.stages.find((s) => s.status === 'current');
  const description = t('procedureMap.desc', {
    stage: current ? localText(current.title, language) : '–',
    referrals: map.referrals.length,
    overdueReferrals: map.referrals.filter((r) => r.overdue).length,
    tasks: map.tasks.length,
    overdueTasks: map.tasks.filter((task) => task.overdue).length,
  });
  const { plot } = layout;

  return (
    <svg
      ref={svgRef}
      xmlns="http://www.w3.org/2000/svg"
      width={layout.width}
      height={layout.height}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-labelledby={`${ids.title} ${ids.desc}`}
      direction={rtl ? 'rtl' : 'ltr'}
      lang={language}
      fontFamily={fontFamily ?? (rtl ? FONT_STACK.ar : FONT_STACK.en)}
    >
      <title id={ids.title}>{layout.title.text}</title>
      <desc id={ids.desc}>{description}</desc>
      <defs>
        {(Object.keys(REFERRAL) as (keyof typeof REFERRAL)[]).map((tone) => (
          <pattern
            key={tone}
            id={ids.hatch(tone)}
            patternUnits="userSpaceOnUse"
            width={7}
            height={7}
            patternTransform="rotate(45)"
          >
            <rect width={7} height={7} fill={REFERRAL[tone].fill} />
            <line
              x1={0}
              y1={0}
              x2={0}
              y2={7}
              stroke={REFERRAL[tone].stroke}
              strokeWidth={2.5}
              strokeOpacity={0.28}
            />
          </pattern>
        ))}
      </defs>
      <rect width={layout.width} height={layout.height} fill={CHART.background} />
      <Text label={layout.title} />
      <Text label={layout.subtitle} />

      {/* Lane backgrounds, the "next" zone, grid lines and dividers. */}
      {layout.lanes.map((lane) =>
        lane.shaded ? (
          <rect
            key={lane.key}
            x={0}
            y={lane.y}
            width={layout.width}
            height={lane.height}
            fill={CHART.shade}
          />
        ) : null,
      )}
      {layout.next ? (
        <g>
          <rect
            x={round(layout.next.x)}
            y={plot.y}
            width={round(layout.next.width)}
            height={plot.height}
            fill={CHART.nextZone}
            fillOpacity={0.6}
          />
          <line
            x1={round(rtl ? layout.next.x + layout.next.width : layout.next.x)}
            x2={round(rtl ? layout.next.x + layout.next.width : layout.next.x)}
            y1={plot.y}
            y2={plot.y + plot.height}
            stroke={CHART.divider}
            strokeDasharray="6 4"
          />
          <Text label={layout.next.label} />
        </g>
      ) : null}
      {layout.ticks.map((tick) => (
        <g key={tick.x}>
          <line
            x1={round(tick.x)}
            x2={round(tick.x)}
            y1={plot.y}
            y2={plot.y + plot.height}
            stroke={CHART.grid}
            strokeWidth={1}
          />
          <Text label={tick.label} />
        </g>
      ))}
      {layout.dividers.map((divider) => (
        <line
          key={divider.y}
          x1={0}
          x2={layout.width}
          y1={divider.y}
          y2={divider.y}
          stroke={CHART.divider}
          strokeWidth={1}
        />
      ))}

      <RuleLines layout={layout} />
      <Stages layout={layout} tip={tips.stage} />
      <Lanes layout={layout} />
      <Referrals layout={layout} tip={tips.referral} hatch={ids.hatch} />
      <Markers layout={layout} taskTip={tips.task} followUpTip={tips.followUp} />
      <RuleLabels layout={layout} />
      <Legend layout={layout} hatch={ids.hatch} />
    </svg>
  );
}

type Tips = ReturnType<typeof mapTooltips>;

function Stages({ layout, tip }: { layout: MapLayout; tip: Tips['stage'] }) {
  return (
    <g>
      <Text label={layout.band.label} />
      {layout.emptyBand ? <Text label={layout.emptyBand} /> : null}
      {layout.stages.map((shape) => {
        const style = STAGE[shape.stage.status];
        return (
          <g key={shape.stage.id}>
            <title>{tip(shape.stage, shape.durationMs)}</title>
            {shape.callout ? (
              <line
                x1={round(shape.callout.lineX)}
                x2={round(shape.callout.lineX)}
                y1={round(shape.callout.lineY1)}
                y2={round(shape.callout.lineY2)}
                stroke={CHART.leader}
                strokeWidth={1}
              />
            ) : null}
            <rect
              x={round(shape.x)}
              y={shape.y}
              width={round(shape.width)}
              height={shape.height}
              rx={shape.zone === 'mark' ? 1 : 3}
              fill={style.fill}
              stroke={style.stroke}
              strokeWidth={shape.stage.status === 'current' ? 1.5 : 1}
              strokeDasharray={style.dash}
            />
            {shape.labels.map((line) => (
              <Text key={line.y} label={line} />
            ))}
            {shape.callout ? <Text label={shape.callout.label} halo /> : null}
          </g>
        );
      })}
    </g>
  );
}

function Lanes({ layout }: { layout: MapLayout }) {
  return (
    <g>
      {layout.lanes.map((lane) => (
        <g key={lane.key}>
          <title>{lane.name}</title>
          {lane.labels.map((line) => (
            <Text key={line.y} label={line} isolate />
          ))}
          {lane.hint ? <Text label={lane.hint} /> : null}
        </g>
      ))}
    </g>
  );
}

function Referrals({
  layout,
  tip,
  hatch,
}: {
  layout: MapLayout;
  tip: Tips['referral'];
  hatch: (tone: keyof typeof REFERRAL) => string;
}) {
  return (
    <g>
      {layout.referrals.map((bar) => {
        const colours = REFERRAL[bar.tone];
        return (
          <g key={bar.referral.id}>
            <title>{tip(bar.referral, bar.durationMs)}</title>
            <rect
              x={round(bar.x)}
              y={round(bar.y)}
              width={round(bar.width)}
              height={bar.height}
              rx={3}
              fill={bar.open ? `url(#${hatch(bar.tone)})` : colours.fill}
              stroke={bar.overdue ? CHART.overdue : colours.stroke}
              strokeWidth={bar.overdue ? 2.5 : 1.25}
            />

            <Text label={bar.label} halo={bar.open} />
          </g>
        );
      })}
    </g>
  );
}

function Markers({
  layout,
  taskTip,
  followUpTip,
}: {
  layout: MapLayout;
  taskTip: Tips['task'];
  followUpTip: Tips['followUp'];
}) {
  return (
    <g>
      {layout.tasks.map((marker) => {
        const colours = MARKER[marker.state];
        return (
          <g key={marker.task.id}>
            <title>{taskTip(marker.task)}</title>
            {marker.whisker ? (
              <line
                x1={round(marker.whisker.x1)}
                x2={round(marker.whisker.x2)}
                y1={round(marker.y)}
                y2={round(marker.y)}
                stroke={marker.state === 'overdue' ? CHART.overdue : CHART.leader}
                strokeWidth={1.25}
                strokeOpacity={0.7}
              />
            ) : null}
            <Diamond x={marker.x} y={marker.y} size={6.5} {...colours} />
            <Text label={marker.label} halo />
          </g>
        );
      })}
      {layout.followUps.map((marker) => {
        const colours = MARKER[marker.state];
        return (
          <g key={`${marker.followUp.round}-${marker.followUp.index}`}>
            <title>{followUpTip(marker.followUp)}</title>
            <circle
              cx={round(marker.x)}
              cy={round(marker.y)}
              r={6}
              fill={colours.fill}
              stroke={colours.stroke}
              strokeWidth={1.5}
            />
            <Text label={marker.label} halo />
          </g>
        );
      })}
    </g>
  );
}

function RuleLines({ layout }: { layout: MapLayout }) {
  return (
    <g>
      {layout.rules.map((rule) => (
        <line
          key={rule.kind}
          x1={round(rule.x)}
          x2={round(rule.x)}
          y1={rule.y1}
          y2={rule.y2}
          stroke={rule.kind === 'today' ? CHART.today : CHART.closed}
          strokeWidth={1.5}
          strokeDasharray={rule.kind === 'today' ? '5 3' : undefined}
        />
      ))}
    </g>
  );
}

function RuleLabels({ layout }: { layout: MapLayout }) {
  return (
    <g>
      {layout.rules.map((rule) => (
        <Text key={rule.kind} label={rule.label} halo />
      ))}
    </g>
  );
}

function Swatch({
  kind,
  x,
  y,
  hatch,
}: {
  kind: LegendKind;
  x: number;
  y: number;
  hatch: (tone: keyof typeof REFERRAL) => string;
}) {
  const w = LEGEND_SWATCH_WIDTH;
  const box = (fill: string, stroke: string, extra: { dash?: string; width?: number } = {}) => (
    <rect
      x={round(x)}
      y={round(y - 7)}
      width={w}
      height={14}
      rx={2}
      fill={fill}
      stroke={stroke}
      strokeWidth={extra.width ?? 1}
      strokeDasharray={extra.dash}
    />
  );
  const cx = x + w / 2;
  switch (kind) {
    case 'stageDone':
      return box(STAGE.done.fill, STAGE.done.stroke);
    case 'stageCurrent':
      return box(STAGE.current.fill, STAGE.current.stroke);
    case 'stageUpcoming':
      return box(STAGE.upcoming.fill, STAGE.upcoming.stroke, { dash: STAGE.upcoming.dash });
    case 'stageSkipped':
      return box(STAGE.skipped.fill, STAGE.skipped.stroke, { dash: STAGE.skipped.dash });
    case 'referralCompleted':
      return box(REFERRAL.completed.fill, REFERRAL.completed.stroke);
    case 'referralOpen':
      return box(`url(#${hatch('active')})`, REFERRAL.active.stroke);
    case 'referralWaiting':
      return box(`url(#${hatch('waiting')})`, REFERRAL.waiting.stroke);
    case 'referralOverdue':
      return box(`url(#${hatch('waiting')})`, CHART.overdue, { width: 2.5 });
    case 'referralEnded':
      return box(REFERRAL.ended.fill, REFERRAL.ended.stroke);
    case 'taskCancelled':
      return <Diamond x={cx} y={y} size={6.5} {...MARKER.cancelled} />;
    case 'taskDone':
      return <Diamond x={cx} y={y} size={6.5} {...MARKER.done} />;
    case 'taskOpen':
      return <Diamond x={cx} y={y} size={6.5} {...MARKER.open} />;
    case 'taskOverdue':
      return <Diamond x={cx} y={y} size={6.5} {...MARKER.overdue} />;
    case 'followUp':
      return (
        <circle
          cx={round(cx)}
          cy={round(y)}
          r={6}
          fill={MARKER.due.fill}
          stroke={MARKER.due.stroke}
          strokeWidth={1.5}
        />
      );
    case 'today':
      return (
        <line
          x1={round(cx)}
          x2={round(cx)}
          y1={round(y - 9)}
          y2={round(y + 9)}
          stroke={CHART.today}
          strokeWidth={1.5}
          strokeDasharray="5 3"
        />
      );
  }
}

function Legend({ layout, hatch }: { layout: MapLayout; hatch: (tone: keyof typeof REFERRAL) => string }) {
  return (
    <g>
      <line
        x1={16}
        x2={layout.width - 16}
        y1={layout.legendTop - 10}
        y2={layout.legendTop - 10}
        stroke={CHART.grid}
      />
      {layout.legend.map((item) => (
        <g key={item.kind}>
          <Swatch kind={item.kind} x={item.x} y={item.y} hatch={hatch} />
          <Text label={item.label} />
        </g>
      ))}
    </g>
  );
}
