import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons'
import { LIMITS, type CheckinRules } from '@huiyuan/shared-types'
import { Alert, Button, Form, InputNumber, Radio, Skeleton, Space, Switch } from 'antd'
import { useCheckinRules, useSaveCheckinRules } from '../../api/hooks/programme'
import { Page } from '../../components/Page'
import { SettingsForm } from '../../components/SettingsForm'
import { errorText } from '../../lib/errors'
import { intIn, required } from '../../lib/rules'

const L = LIMITS.checkin

export function CheckinRulesPage() {
  const rules = useCheckinRules()
  const save = useSaveCheckinRules()
  const [form] = Form.useForm<CheckinRules>()
  const makeup = Form.useWatch('makeupEnabled', form)
  return (
    <Page title="签到规则">
      {rules.isError && <Alert type="error" message={errorText(rules.error)} />}
      {!rules.data ? (
        <Skeleton active />
      ) : (
        <SettingsForm form={form} initialValues={rules.data} onSave={(v) => save.mutateAsync({ ...v, streakBonuses: v.streakBonuses ?? [] })} saving={save.isPending} error={save.error}>
          <Form.Item name="basePoints" label="每日签到积分" rules={[required('每日签到积分'), intIn('每日签到积分', L.basePoints)]}>
            <InputNumber autoFocus style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="cycle" label="连续签到周期">
            <Radio.Group
              options={[
                { value: 'weekly', label: '按周（每周一重新计）' },
                { value: 'monthly', label: '按月（每月 1 日重新计）' },
                { value: 'unlimited', label: '不重置' },
              ]}
            />
          </Form.Item>
          <Form.Item label="连续签到奖励">
            <Form.List
              name="streakBonuses"
              rules={[
                { validator: (_, list: unknown[] | undefined) => ((list?.length ?? 0) > L.streakBonuses[1] ? Promise.reject(new Error(`最多 ${L.streakBonuses[1]} 档`)) : Promise.resolve()) },
                // The server refuses two bonuses for the same day.
                {
                  validator: (_, list: Array<{ day?: number }> | undefined) => {
                    const days = (list ?? []).map((b) => b?.day).filter((d) => d !== undefined && d !== null)
                    return new Set(days).size < days.length ? Promise.reject(new Error('同一天数只能设置一档奖励')) : Promise.resolve()
                  },
                },
              ]}
            >
              {(fields, { add, remove }, { errors }) => (
                <>
                  {fields.map((field) => (
                    <Space key={field.key} align="baseline">
                      <span>连续第</span>
                      <Form.Item name={[field.name, 'day']} rules={[required('天数'), intIn('天数', L.streakDay)]}>
                        <InputNumber aria-label="连续天数" style={{ width: 90 }} />
                      </Form.Item>
                      <span>天，额外奖励</span>
                      <Form.Item name={[field.name, 'points']} rules={[required('奖励积分'), intIn('奖励积分', L.streakPoints)]}>
                        <InputNumber aria-label="奖励积分" style={{ width: 110 }} />
                      </Form.Item>
                      <span>积分</span>
                      <MinusCircleOutlined aria-label="删除此档" onClick={() => remove(field.name)} />
                    </Space>
                  ))}
                  <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ day: 7, points: 10 })}>
                    添加一档
                  </Button>
                  <Form.ErrorList errors={errors} />
                </>
              )}
            </Form.List>
          </Form.Item>
          <Form.Item name="growthPerCheckin" label="每次签到成长值" rules={[required('成长值'), intIn('成长值', L.growthPerCheckin)]}>
            <InputNumber style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="applyTierMultiplier" label="按等级积分倍数加成" valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="makeupEnabled" label="允许补签" valuePropName="checked">
            <Switch />
          </Form.Item>
          {makeup && (
            <>
              <Form.Item name="makeupCostPoints" label="补签消耗积分" rules={[required('补签消耗积分'), intIn('补签消耗积分', L.makeupCostPoints)]}>
                <InputNumber style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="makeupPerMonth" label="每月可补签次数" rules={[required('每月可补签次数'), intIn('每月可补签次数', L.makeupPerMonth)]}>
                <InputNumber style={{ width: 200 }} />
              </Form.Item>
            </>
          )}
        </SettingsForm>
      )}
    </Page>
  )
}
