import { IsOptional, IsString, Length, Matches } from 'class-validator';

export class AddMemberNoteBody {
  @IsString() @Length(1, 500) body: string;
}

export class NotesQuery {
  @IsOptional() @Matches(/^\d{1,10}$/, { message: 'cursor must be the nextCursor of the previous page' }) cursor?: string;
}
