import { invalidField } from '../common/errors/invalid-field';

export const dashboardRangeInvalid = (field: 'from' | 'to', problem: string) => invalidField(field, problem, [{ field, problems: [problem] }]);
