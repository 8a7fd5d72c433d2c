import { fieldsFromTemplateContent, templateFieldsProblem, templatePageProblem } from './template-rules';

describe('template rules', () => {
  it.each([
    [[{ key: 'thing1', type: 'thing', label: '原因' }], null],
    [[], 'at least one field'],
    [[{ key: 'thing1', type: 'number', label: '原因' }], 'thing1 is a thing field'],
    [[{ key: 'Thing1', type: 'thing', label: '原因' }], 'not a WeChat key'],
    [[{ key: 'thing1', type: 'thing', label: 'a' }, { key: 'thing1', type: 'thing', label: 'b' }], 'appears twice'],
    [[{ key: 'color1', type: 'thing', label: 'a' }], 'does not start with a field type'],
    [[{ key: 'thing1', type: 'emoji', label: 'a' }], 'unknown type'],
  ] as const)('fields %j → %s', (fields, problem) => {
    const found = templateFieldsProblem(fields as never);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  it.each([
    ['packages/points/index', null],
    ['/packages/points/index?from=msg', null],
    ['packages/nowhere/index', 'is not a page'],
  ])('page %s', (page, problem) => {
    const found = templatePageProblem(page);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });

  it('reads the keyword lines of a WeChat template content', () => {
    expect(fieldsFromTemplateContent('变动原因:{{thing1.DATA}}\n变动积分:{{number2.DATA}}\n备注\n')).toEqual([
      { key: 'thing1', type: 'thing', label: '变动原因' },
      { key: 'number2', type: 'number', label: '变动积分' },
    ]);
  });
});
