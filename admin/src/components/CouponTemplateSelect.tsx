import type { CouponTemplateQuery } from '@huiyuan/shared-types'
import { Select } from 'antd'
import { useState, type CSSProperties } from 'react'
import { useCouponTemplateOptions } from '../api/hooks/coupons'

interface Props {
  /** Given by Form.Item, so the field's label points at the input. */
  id?: string
  value?: number | null
  onChange?: (id: number | null) => void
  /** 'hq': HQ's templates only (the mall needs one valid at HQ's chosen stores). */
  owner?: CouponTemplateQuery['owner']
  /** What to show for the current value when it is not among the loaded options. */
  currentLabel?: string
  placeholder?: string
  allowClear?: boolean
  autoFocus?: boolean
  style?: CSSProperties
  'aria-label'?: string
}

/** Picks an active coupon template; typing searches titles on the server, so a long list is never loaded whole. */
export function CouponTemplateSelect({ id, value, onChange, owner, currentLabel, placeholder = '输入券名称搜索', allowClear, autoFocus, style, 'aria-label': ariaLabel }: Props) {
  const [q, setQ] = useState('')
  const options = useCouponTemplateOptions(q, owner)
  const loaded = (options.data?.items ?? []).map((t) => ({ value: t.id, label: `${t.title}（${t.faceText}，${t.validityText}）` }))
  const withCurrent = value && !loaded.some((o) => o.value === value) ? [{ value, label: currentLabel ?? `券模板 #${value}` }, ...loaded] : loaded
  return (
    <Select<number | null>
      id={id}
      aria-label={ariaLabel}
      showSearch
      filterOption={false}
      onSearch={setQ}
      onBlur={() => setQ('')}
      loading={options.isFetching}
      value={value ?? null}
      onChange={(v) => onChange?.(v ?? null)}
      options={withCurrent}
      placeholder={placeholder}
      allowClear={allowClear}
      autoFocus={autoFocus}
      style={style}
      notFoundContent={options.isFetching ? '正在查找…' : q ? '没有名称相符的可用券模板' : '还没有可用的券模板，请先在“券模板”中新建'}
    />
  )
}
