import type { SegmentFieldInfo, SegmentQuotaValue, SegmentRuleGroup, TagView } from '@huiyuan/shared-types'
import { AntDValueEditor, QueryBuilderAntD } from '@react-querybuilder/antd'
import { InputNumber, Select, Space } from 'antd'
import { QueryBuilder, type Field, type RuleGroupType, type ValueEditorProps } from 'react-querybuilder'
import 'react-querybuilder/dist/query-builder.css'

const operatorNames: Record<string, string> = {
  '=': '等于',
  '!=': '不等于',
  '<': '小于',
  '<=': '不大于',
  '>': '大于',
  '>=': '不小于',
  between: '介于',
  notBetween: '不介于',
  in: '属于',
  notIn: '不属于',
  null: '为空',
  notNull: '不为空',
  withinLastDays: '最近 N 天内',
  notWithinLastDays: '超过 N 天（或从未）',
}
const dateOperatorNames: Record<string, string> = { '<': '早于', '<=': '不晚于', '>': '晚于', '>=': '不早于', '=': '是当天' }

/** The server's field registry as react-querybuilder fields: names, operators and allowed values all come from it. */
export function builderFields(fields: SegmentFieldInfo[], tags: TagView[]): Field[] {
  return fields.map((f) => {
    const operators = f.operators.map((op) => ({ name: op, value: op, label: (f.type === 'date' ? dateOperatorNames[op] : undefined) ?? operatorNames[op] ?? op }))
    const base = { name: f.name, value: f.name, label: f.label, operators }
    switch (f.type) {
      case 'enum':
        return { ...base, valueEditorType: (op: string) => (op === 'in' || op === 'notIn' ? 'multiselect' : 'select'), values: (f.values ?? []).map((v) => ({ name: String(v.value), value: String(v.value), label: v.label })) }
      case 'tag':
        return { ...base, valueEditorType: (op: string) => (op === 'in' ? 'multiselect' : 'select'), values: tags.map((t) => ({ name: String(t.id), value: String(t.id), label: t.name })) }
      case 'boolean':
        return { ...base, valueEditorType: 'checkbox', defaultValue: true }
      case 'quota': {
        // The value is { templateId, count }: QuotaValueEditor picks the template by title.
        const templates = (f.values ?? []).map((v) => ({ value: Number(v.value), label: v.label }))
        return { ...base, defaultOperator: '>=', templates, defaultValue: { templateId: templates[0]?.value, count: 1 } }
      }
      default:
        return base
    }
  })
}

const inputTypeOf = (fields: SegmentFieldInfo[]) => (field: string, operator: string) => {
  const type = fields.find((f) => f.name === field)?.type
  if (operator === 'withinLastDays' || operator === 'notWithinLastDays' || type === 'number') return 'number'
  return type === 'date' ? 'date' : 'text'
}

/** A quota rule's value: a registered template (picked by title) and the sends left, or a range of them. */
function QuotaValueEditor({ value, operator, handleOnChange, fieldData }: ValueEditorProps) {
  const current = (typeof value === 'object' && value !== null ? value : {}) as Partial<SegmentQuotaValue>
  const set = (next: Partial<SegmentQuotaValue>) => handleOnChange({ ...current, ...next })
  const range = operator === 'between' || operator === 'notBetween'
  const [from, to] = Array.isArray(current.count) ? current.count : [current.count ?? 0, current.count ?? 0]
  return (
    <Space.Compact>
      <Select aria-label="消息模板" placeholder="选择消息模板" style={{ minWidth: 180 }} value={current.templateId} options={fieldData.templates as Array<{ value: number; label: string }>} onChange={(templateId: number) => set({ templateId })} />
      {range ? (
        <>
          <InputNumber aria-label="剩余次数从" min={0} precision={0} value={from} onChange={(n) => set({ count: [n ?? 0, to] })} />
          <InputNumber aria-label="剩余次数到" min={0} precision={0} value={to} addonAfter="次" onChange={(n) => set({ count: [from, n ?? 0] })} />
        </>
      ) : (
        <InputNumber aria-label="剩余次数" min={0} precision={0} value={from} addonAfter="次" onChange={(n) => set({ count: n ?? 0 })} />
      )}
    </Space.Compact>
  )
}

function ValueEditor(props: ValueEditorProps) {
  return props.fieldData.templates ? <QuotaValueEditor {...props} /> : <AntDValueEditor {...props} />
}

export function SegmentBuilder({ fields, tags, query, onChange }: { fields: SegmentFieldInfo[]; tags: TagView[]; query: SegmentRuleGroup; onChange: (q: SegmentRuleGroup) => void }) {
  return (
    <QueryBuilderAntD>
      <QueryBuilder
        fields={builderFields(fields, tags)}
        query={query as RuleGroupType}
        onQueryChange={(q) => onChange(q as SegmentRuleGroup)}
        getInputType={inputTypeOf(fields)}
        controlElements={{ valueEditor: ValueEditor }}
        listsAsArrays
        showNotToggle
        combinators={[
          { name: 'and', value: 'and', label: '且' },
          { name: 'or', value: 'or', label: '或' },
        ]}
        translations={{
          addRule: { label: '+ 条件', title: '添加条件' },
          addGroup: { label: '+ 条件组', title: '添加条件组' },
          removeRule: { label: '⨯', title: '删除条件' },
          removeGroup: { label: '⨯', title: '删除条件组' },
          notToggle: { label: '非', title: '取反' },
          fields: { title: '字段' },
          operators: { title: '运算' },
          value: { title: '值' },
          combinators: { title: '组合' },
        }}
        controlClassnames={{ queryBuilder: 'queryBuilder-branches' }}
      />
    </QueryBuilderAntD>
  )
}
