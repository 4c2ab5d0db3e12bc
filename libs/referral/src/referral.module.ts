import { Module } from '@nestjs/common';
import { FollowupCoreModule } from '#app/followup';
import { ReferralsController } from './referrals.controller.js';
import { ReferralsService } from './referrals.service.js';

/** Referrals to partners and their kinds (R12–R16, R18, R19), each partner in its own inbox. */
@Module({
  imports: [FollowupCoreModule],
  controllers: [ReferralsController],
  providers: [ReferralsService],
  exports: [ReferralsService],
})
export class ReferralModule {}
