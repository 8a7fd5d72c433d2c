import { IsOptional, IsString, Length } from 'class-validator';

export class AddMemberNoteBody {
  @IsString() @Length(1, 500) body: string;
}

export class NotesQuery {
  @IsOptional() @IsString() @Length(1, 20) cursor?: string;
}
