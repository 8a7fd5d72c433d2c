import { Body, Controller, Get, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CareTaskCompletion, CareTaskRules, CareTaskView, StaffRole } from '@huiyuan/shared-types';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { CareTasksService } from './care-tasks.service';
import { CareTaskRulesBody, CompleteCareTaskBody, CompletionQuery } from './dto/care-task.dto';
import { CareTasksUseCase } from './usecases/care-tasks.usecase';

@ApiTags('staff: care tasks')
@Controller('api/v1/staff')
export class StaffCareTasksController {
  constructor(
    private readonly tasks: CareTasksService,
    private readonly useCase: CareTasksUseCase,
  ) {}

  /** The signed-in clerk's open tasks, due by today, the soonest to expire first. */
  @Get('care-tasks/mine')
  @StaffAuth()
  mine(@CurrentStaff() staff: StaffPrincipal): Promise<CareTaskView[]> {
    return this.tasks.mine(staff);
  }

  @Post('care-tasks/:id/outcome')
  @StaffAuth()
  complete(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Body() body: CompleteCareTaskBody, @RequestId() requestId: string): Promise<CareTaskView> {
    return this.useCase.complete(staff, id, body, requestId);
  }

  /** Completion by clerk and store (a manager sees their store), with the tasks closed in the period. */
  @Get('care-tasks/completion')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  completion(@CurrentStaff() staff: StaffPrincipal, @Query() query: CompletionQuery): Promise<CareTaskCompletion> {
    return this.tasks.completion(staff, query);
  }

  @Get('care-task-rules')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  rules(): Promise<CareTaskRules> {
    return this.tasks.rules();
  }

  @Put('care-task-rules')
  @StaffAuth(StaffRole.HQ_ADMIN)
  updateRules(@CurrentStaff() staff: StaffPrincipal, @Body() body: CareTaskRulesBody, @RequestId() requestId: string): Promise<CareTaskRules> {
    return this.useCase.updateRules(staff, body, requestId);
  }
}
