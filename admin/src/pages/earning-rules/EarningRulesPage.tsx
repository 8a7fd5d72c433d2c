import { LIMITS } from '@huiyuan/shared-types'
import { Alert, Form, InputNumber, Radio, Select, Skeleton, Switch } from 'antd'
import { useEarningRules, useSaveEarningRules } from '../../api/hooks/programme'
import { Page } from '../../components/Page'
import { SettingsForm } from '../../components/SettingsForm'
import { errorText } from '../../lib/errors'
import { intIn, required, yuanIn } from '../../lib/rules'
import { earningFieldMap, earningToValues, valuesToEarning, type EarningFormValues } from './earning-form'

const L = LIMITS.earning
const weekdays = ['周一', '周二', '周三', '周四', '周五', '周六', '周日'].map((label, i) => ({ value: i + 1, label }))

export function EarningRulesPage() {
  const rules = useEarningRules()
  const save = useSaveEarningRules()
  const [form] = Form.useForm<EarningFormValues>()
  const expiryKind = Form.useWatch('expiryKind', form)
  const memberDay = Form.useWatch('memberDayEnabled', form)
  return (
    <Page title="积分规则">
      {rules.isError && <Alert type="error" message={errorText(rules.error)} />}
      {!rules.data ? (
        <Skeleton active />
      ) : (
        <SettingsForm form={form} initialValues={earningToValues(rules.data)} onSave={(v) => save.mutateAsync(valuesToEarning(v))} saving={save.isPending} error={save.error} fieldMap={earningFieldMap}>
          <Form.Item name="pointsPerYuan" label="每消费 1 元得积分" rules={[required('每元积分'), intIn('每元积分', L.pointsPerYuan)]}>
            <InputNumber autoFocus style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="welcomePoints" label="入会赠送积分" rules={[required('入会赠送积分'), intIn('入会赠送积分', L.welcomePoints)]}>
            <InputNumber style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="expiryKind" label="积分有效期" extra="有效期的修改只对今后获得的积分生效，已有积分仍按原到期日过期。">
            <Radio.Group
              options={[
                { value: 'never', label: '永久有效' },
                { value: 'months_after_earning', label: '获得后 N 个月' },
                { value: 'end_of_next_year', label: '次年年底' },
              ]}
            />
          </Form.Item>
          {expiryKind === 'months_after_earning' && (
            <Form.Item name="expiryMonths" label="有效月数" rules={[required('有效月数'), intIn('有效月数', L.expiryMonths)]}>
              <InputNumber style={{ width: 200 }} suffix="个月" />
            </Form.Item>
          )}
          <Form.Item name="memberDayEnabled" label="会员日" valuePropName="checked">
            <Switch />
          </Form.Item>
          {memberDay && (
            <>
              <Form.Item name="memberDayWeekday" label="会员日是每周">
                <Select options={weekdays} style={{ width: 200 }} />
              </Form.Item>
              <Form.Item name="memberDayMultiplierPct" label="会员日积分倍率" rules={[required('会员日倍率'), intIn('会员日倍率', L.memberDayMultiplierPct)]} extra="200 表示双倍积分">
                <InputNumber style={{ width: 200 }} suffix="%" />
              </Form.Item>
            </>
          )}
          <Form.Item name="growthPerYuan" label="每消费 1 元得成长值" rules={[required('每元成长值'), intIn('每元成长值', L.growthPerYuan)]}>
            <InputNumber style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="growthWindow" label="成长值统计周期">
            <Radio.Group
              options={[
                { value: 'rolling_12_months', label: '近 12 个月' },
                { value: 'calendar_year', label: '自然年' },
              ]}
            />
          </Form.Item>
          <Form.Item name="costPer100Points" label="每 100 积分成本" extra="数据看板按此估算积分负债" rules={[required('每 100 积分成本'), yuanIn('每 100 积分成本', L.costPer100PointsCents)]}>
            <InputNumber style={{ width: 200 }} min={0} step={0.1} suffix="元" />
          </Form.Item>
          <Form.Item label="退款说明">
            <span style={{ color: '#888' }}>{rules.data.refundPolicyNote}</span>
          </Form.Item>
        </SettingsForm>
      )}
    </Page>
  )
}
