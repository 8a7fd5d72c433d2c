import { Foundation1795516557237 } from './1795516557237-Foundation';
import { WechatTokens1795516620960 } from './1795516620960-WechatTokens';
import { MembersStoresStaffPoints1795516982970 } from './1795516982970-MembersStoresStaffPoints';
import { BaseTier1795516983000 } from './1795516983000-BaseTier';
import { PurchasesAndGrowth1795517517490 } from './1795517517490-PurchasesAndGrowth';
import { CouponsAndRewards1795517618960 } from './1795517618960-CouponsAndRewards';
import { CheckinAndReferrals1795517635490 } from './1795517635490-CheckinAndReferrals';
import { LotsIndexCoversRemaining1795527784101 } from './1795527784101-LotsIndexCoversRemaining';
import { OutboxAndJobRuns1796141468046 } from './1796141468046-OutboxAndJobRuns';
import { TagsSegmentsAndNotes1796141932931 } from './1796141932931-TagsSegmentsAndNotes';
import { FormerMemberIdentities1796144042544 } from './1796144042544-FormerMemberIdentities';
import { MembersSegmentIndex1796146148290 } from './1796146148290-MembersSegmentIndex';
import { AutomationsAndCareTasks1796154680238 } from './1796154680238-AutomationsAndCareTasks';
import { DashboardRollups1796154757001 } from './1796154757001-DashboardRollups';
import { Transfers1796155273677 } from './1796155273677-Transfers';
import { MembersListSortIndexes1796155302010 } from './1796155302010-MembersListSortIndexes';
import { MemberStatsDaypartCounts1796158210885 } from './1796158210885-MemberStatsDaypartCounts';

export const MYSQL_MIGRATIONS = [Foundation1795516557237, WechatTokens1795516620960, MembersStoresStaffPoints1795516982970, BaseTier1795516983000, PurchasesAndGrowth1795517517490, CouponsAndRewards1795517618960, CheckinAndReferrals1795517635490, LotsIndexCoversRemaining1795527784101, OutboxAndJobRuns1796141468046, TagsSegmentsAndNotes1796141932931, FormerMemberIdentities1796144042544, MembersSegmentIndex1796146148290, AutomationsAndCareTasks1796154680238, DashboardRollups1796154757001, Transfers1796155273677, MembersListSortIndexes1796155302010, MemberStatsDaypartCounts1796158210885];
