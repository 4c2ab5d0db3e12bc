import { Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Referral } from '../api';

const minute = (value: string) => dayjs(value).format('YYYY-MM-DD HH:mm');
const EVENTS = ['create', 'edit', 'send', 'accept', 'decline', 'start', 'complete', 'withdraw'];

interface Entry {
  key: string;
  at: string;
  title: string;
  by: string | null;
  text?: string | null;
  extra?: string[];
  color?: string;
}

/** The referral's course, oldest first (either side's view): its moves (with the reasons given) and the partner's notes and visits with their corrections. */
export function ReferralTimeline({ referral }: { referral: Pick<Referral, 'history' | 'notes'> }) {
  const { t } = useTranslation('referrals');
  const moves: Entry[] = referral.history.map((entry, index) => ({
    key: `move-${index}`,
    at: entry.at,
    title: EVENTS.includes(entry.event) ? t(`event.${entry.event}`) : t(`status.${entry.to}`),
    by: entry.actor,
    text: entry.note,
    color: entry.to === 'declined' || entry.to === 'withdrawn' ? 'gray' : entry.to === 'completed' ? 'green' : 'blue',
  }));
  const notes: Entry[] = referral.notes.map((note) => ({
    key: `note-${note.id}`,
    at: note.createdAt,
    title: note.kind === 'visit' ? t('event.visit', { day: note.visitedOn }) : t('event.note'),
    by: `${note.author} · ${note.organisation}`,
    text: note.text,
    extra: note.corrections.map((correction) => t('event.correction', { text: correction.text, reason: correction.reason })),
    color: 'gray',
  }));
  const entries = [...moves, ...notes].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <Timeline
      className="referral-timeline"
      items={entries.map((entry) => ({
        key: entry.key,
        color: entry.color,
        content: (
          <>
            <Typography.Text>{entry.title}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {minute(entry.at)}
              {entry.by ? ` · ${entry.by}` : ''}
            </Typography.Text>
            {entry.text && <div className="file-prose">{entry.text}</div>}
            {entry.extra?.map((line) => (
              <div key={line} className="file-prose referral-correction">
                {line}
              </div>
            ))}
          </>
        ),
      }))}
    />
  );
}
