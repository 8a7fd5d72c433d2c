import { Body, Controller, Delete, Get, HttpCode, Param, ParseIntPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { MessageTemplateView, StaffRole, StaffWechatBinding, WechatLibraryTemplate } from '@huiyuan/shared-types';
import { CurrentStaff, RequestId, StaffAuth } from '../common/auth/guards';
import type { StaffPrincipal } from '../common/auth/principal';
import { BindStaffWechatBody, SaveMessageTemplateBody } from './dto/subscriptions.dto';
import { MessageTemplatesService } from './message-templates.service';
import { StaffWechatBindingUseCase } from './usecases/staff-wechat-binding.usecase';

@ApiTags('staff: message templates')
@Controller('api/v1/staff')
export class StaffMessageTemplatesController {
  constructor(
    private readonly templates: MessageTemplatesService,
    private readonly binding: StaffWechatBindingUseCase,
  ) {}

  @Get('message-templates')
  @StaffAuth(StaffRole.HQ_ADMIN, StaffRole.STORE_MANAGER)
  list(): Promise<MessageTemplateView[]> {
    return this.templates.list();
  }

  /** The templates the WeChat app has added from WeChat's library, to register from. */
  @Get('message-templates/library')
  @StaffAuth(StaffRole.HQ_ADMIN)
  library(): Promise<WechatLibraryTemplate[]> {
    return this.templates.library();
  }

  @Post('message-templates')
  @StaffAuth(StaffRole.HQ_ADMIN)
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: SaveMessageTemplateBody, @RequestId() requestId: string): Promise<MessageTemplateView> {
    return this.templates.create(staff, body, requestId);
  }

  @Put('message-templates/:id')
  @StaffAuth(StaffRole.HQ_ADMIN)
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', ParseIntPipe) id: number, @Body() body: SaveMessageTemplateBody, @RequestId() requestId: string): Promise<MessageTemplateView> {
    return this.templates.update(staff, id, body, requestId);
  }

  @Get('me/wechat')
  @StaffAuth()
  wechat(@CurrentStaff() staff: StaffPrincipal): Promise<StaffWechatBinding> {
    return this.binding.current(staff.staffId);
  }

  /** Binds the staff member's own WeChat (a wx.login code from the counter tool): campaign test sends go there. */
  @Post('me/wechat')
  @HttpCode(200)
  @StaffAuth()
  bind(@CurrentStaff() staff: StaffPrincipal, @Body() body: BindStaffWechatBody, @RequestId() requestId: string): Promise<StaffWechatBinding> {
    return this.binding.bind(staff, body.code, requestId);
  }

  @Delete('me/wechat')
  @StaffAuth()
  unbind(@CurrentStaff() staff: StaffPrincipal, @RequestId() requestId: string): Promise<StaffWechatBinding> {
    return this.binding.unbind(staff, requestId);
  }
}
