import { Outbox1795605524158 } from './1795605524158-Outbox.js';
import { Access1795700000000 } from './1795700000000-Access.js';
import { VictimFile1795700000001 } from './1795700000001-VictimFile.js';
import { FileAccess1795700000002 } from './1795700000002-FileAccess.js';
import { Audit1795700000003 } from './1795700000003-Audit.js';
import { CaseFile1795800000000 } from './1795800000000-CaseFile.js';
import { FileListIndexes1795800000001 } from './1795800000001-FileListIndexes.js';
import { Followup1795900000000 } from './1795900000000-Followup.js';
import { Referrals1796000000000 } from './1796000000000-Referrals.js';
import { TracingHousehold1796100000000 } from './1796100000000-TracingHousehold.js';
import { ReferralRecords1796200000001 } from './1796200000001-ReferralRecords.js';
import { TracingPages1796200000002 } from './1796200000002-TracingPages.js';
import { HouseholdPages1796200000003 } from './1796200000003-HouseholdPages.js';
import { FollowupVisitCorrections1796200000004 } from './1796200000004-FollowupVisitCorrections.js';
import { AccessVersions1796200000005 } from './1796200000005-AccessVersions.js';
import { BuyerHouseholdRules1796300000003 } from './1796300000003-BuyerHouseholdRules.js';
import { SignInThrottle1796300000004 } from './1796300000004-SignInThrottle.js';
import { ClosureAndReleases1796300000005 } from './1796300000005-ClosureAndReleases.js';
import { LeastPrivilege1796300000006 } from './1796300000006-LeastPrivilege.js';
import { AuditCheckpoints1796300000007 } from './1796300000007-AuditCheckpoints.js';
import { EventNotifications1796400000001 } from './1796400000001-EventNotifications.js';
import { InstitutionStays1796400000002 } from './1796400000002-InstitutionStays.js';
import { DiscoveryStays1796400000003 } from './1796400000003-DiscoveryStays.js';
import { PoliceHandoverIndex1796500000001 } from './1796500000001-PoliceHandoverIndex.js';
import { AuditVerifications1796500000014 } from './1796500000014-AuditVerifications.js';
import { StatisticsReports1796600000001 } from './1796600000001-StatisticsReports.js';
import { StatisticsSummaries1796600000002 } from './1796600000002-StatisticsSummaries.js';
import { StatisticsDeadlines1796600000003 } from './1796600000003-StatisticsDeadlines.js';
import { FileHistoryAsOf1796600000004 } from './1796600000004-FileHistoryAsOf.js';
import { StatisticsImports1796600000005 } from './1796600000005-StatisticsImports.js';
import { TracingLeadOutcomes1796400000011 } from './1796400000011-TracingLeadOutcomes.js';
import { PartnerKindRecords1796400000021 } from './1796400000021-PartnerKindRecords.js';

/**
 * Every migration, in order. Listed by hand (not globbed) so the same options
 * work from `dist/` and under jest; `migration:generate` adds its line here.
 */
export const MIGRATIONS = [
  Outbox1795605524158,
  Access1795700000000,
  VictimFile1795700000001,
  FileAccess1795700000002,
  Audit1795700000003,
  CaseFile1795800000000,
  FileListIndexes1795800000001,
  Followup1795900000000,
  Referrals1796000000000,
  TracingHousehold1796100000000,
  ReferralRecords1796200000001,
  TracingPages1796200000002,
  HouseholdPages1796200000003,
  FollowupVisitCorrections1796200000004,
  AccessVersions1796200000005,
  BuyerHouseholdRules1796300000003,
  SignInThrottle1796300000004,
  ClosureAndReleases1796300000005,
  LeastPrivilege1796300000006,
  AuditCheckpoints1796300000007,
  EventNotifications1796400000001,
  InstitutionStays1796400000002,
  DiscoveryStays1796400000003,
  TracingLeadOutcomes1796400000011,
  PartnerKindRecords1796400000021,
  PoliceHandoverIndex1796500000001,
  AuditVerifications1796500000014,
  StatisticsReports1796600000001,
  StatisticsSummaries1796600000002,
  StatisticsDeadlines1796600000003,
  FileHistoryAsOf1796600000004,
  StatisticsImports1796600000005,
];
