import { IsOptional, Matches } from 'class-validator';
import { IsCalendarDay } from '../../common/http/validators';

export class DashboardRangeQuery {
  @IsCalendarDay() from: string;
  @IsCalendarDay() to: string;
  @IsOptional() @Matches(/^[A-Z0-9]{2,16}$/, { message: 'storeCode must be a store code like S001' }) storeCode?: string;
}

export class DashboardStoreQuery {
  @IsOptional() @Matches(/^[A-Z0-9]{2,16}$/, { message: 'storeCode must be a store code like S001' }) storeCode?: string;
}
