import { BarChart, LineChart } from 'echarts/charts'
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import { Typography } from 'antd'
import { useEffect, useRef } from 'react'

// Only what the dashboard draws, so its chunk stays small; it loads with the page, never on the first screen.
echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, DatasetComponent, SVGRenderer])

export type ChartOption = echarts.EChartsCoreOption

/** An ECharts chart that follows its option and its container's width. */
export function Chart({ option, height = 260, label }: { option: ChartOption; height?: number; label: string }) {
  const box = useRef<HTMLDivElement>(null)
  const chart = useRef<echarts.ECharts | null>(null)

  useEffect(() => {
    if (!box.current) return
    const instance = echarts.init(box.current, undefined, { renderer: 'svg' })
    chart.current = instance
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(box.current)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [])

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true })
  }, [option])

  return <div ref={box} role="img" aria-label={label} style={{ width: '100%', height }} />
}

const palette = ['#1677ff', '#52c41a', '#faad14', '#ff4d4f', '#722ed1', '#13c2c2']

/** Lines (or bars) over the days of the range, one series per figure. */
export function daySeriesOption(days: string[], series: Array<{ name: string; values: number[]; type?: 'line' | 'bar'; stack?: string }>): ChartOption {
  return {
    color: palette,
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', data: days.map((d) => d.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: series.map((s) => ({ name: s.name, type: s.type ?? 'line', stack: s.stack, data: s.values, smooth: false, showSymbol: days.length <= 31 })),
  }
}

/** Horizontal bars, one per category. */
export function categoryBarsOption(categories: string[], series: Array<{ name: string; values: number[] }>): ChartOption {
  return {
    color: palette,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: series.length > 1 ? { top: 0 } : undefined,
    grid: { left: 96, right: 24, top: series.length > 1 ? 36 : 12, bottom: 24 },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: categories, inverse: true },
    series: series.map((s) => ({ name: s.name, type: 'bar', data: s.values, label: { show: true, position: 'right' } })),
  }
}

/** A panel's chart under its title, with an optional line saying how to read it. */
export function ChartCard({ title, note, ...chart }: { title: string; note?: string; option: ChartOption; height?: number; label: string }) {
  return (
    <>
      <Typography.Text strong>{title}</Typography.Text>
      {note && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {note}
        </Typography.Paragraph>
      )}
      <Chart {...chart} />
    </>
  )
}
