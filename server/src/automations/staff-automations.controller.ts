import { Body, Controller, Get, Param, ParseIntPipe, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AutomationOccurrenceView, AutomationView, StaffRole } from '@huiyuan/shared-types';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { AutomationsService } from './automations.service';
import { UpdateAutomationBody } from './dto/automation.dto';

@ApiTags('staff: automations')
@Controller('api/v1/staff/automations')
export class StaffAutomationsController {
  constructor(private readonly automations: AutomationsService) {}

  @Get()
  @StaffAuth(StaffRole.HQ_ADMIN)
  list(): Promise<AutomationView[]> {
    return this.automations.list();
  }

  @Patch(':id')
  @StaffAuth(StaffRole.HQ_ADMIN)
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Body() body: UpdateAutomationBody, @RequestId() requestId: string): Promise<AutomationView> {
    return this.automations.update(staff, id, body, requestId);
  }

  /** The latest occurrences: who, which moment, fired or expired, what it gave. */
  @Get(':id/occurrences')
  @StaffAuth(StaffRole.HQ_ADMIN)
  occurrences(@Param('id', ParseIntPipe) id: number): Promise<AutomationOccurrenceView[]> {
    return this.automations.occurrences(id);
  }
}
