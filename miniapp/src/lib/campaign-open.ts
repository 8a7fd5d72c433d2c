import { campaignsApi } from '../api/endpoints/campaigns'
import { isH5 } from '../api/env'

const reported = new Set<number>()

/**
 * A campaign message opens its landing page with campaignId in the query: the open is reported
 * once per campaign and launch, so the console can count it. A visitor who is not a member yet is
 * not counted, and a failed report is not worth bothering the member with.
 */
export function reportCampaignOpen(query: Record<string, string | undefined> | undefined): void {
  const fromHash = isH5() && typeof window !== 'undefined' ? new URLSearchParams(window.location.hash.split('?')[1] ?? '').get('campaignId') ?? undefined : undefined
  const id = Number(query?.campaignId ?? fromHash)
  if (!Number.isInteger(id) || id <= 0 || reported.has(id)) return
  reported.add(id)
  campaignsApi.open(id).catch(() => reported.delete(id))
}
