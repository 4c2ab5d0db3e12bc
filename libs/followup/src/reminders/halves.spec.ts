import { halves, prefixed } from './halves.js';

describe('bilingual reminder titles', () => {
  it('a prefixed title keeps one " / " between its Chinese and English halves', () => {
    const title = prefixed('到期提醒 / Due', '跟踪回访 1/3：档案 HJ-1 / follow-up visit 1 of 3, file HJ-1');
    expect(title).toBe('到期提醒：跟踪回访 1/3：档案 HJ-1 / Due: follow-up visit 1 of 3, file HJ-1');
    expect(halves(title)).toEqual(['到期提醒：跟踪回访 1/3：档案 HJ-1', 'Due: follow-up visit 1 of 3, file HJ-1']);
  });

  it('a Chinese half that holds " / " itself is not cut there', () => {
    expect(halves('同音（张三 / 章三）/ same pinyin')).toEqual(['同音（张三 / 章三）/ same pinyin', '同音（张三 / 章三）/ same pinyin']);
    expect(halves('姓名（张三 / 章三） / same name')).toEqual(['姓名（张三 / 章三）', 'same name']);
  });

  it('a title written in Chinese only is both halves', () => {
    expect(prefixed('到期提醒 / Due', '实时通知测试')).toBe('到期提醒：实时通知测试 / Due: 实时通知测试');
  });
});
