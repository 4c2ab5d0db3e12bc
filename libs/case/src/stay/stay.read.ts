import type { EntityManager } from 'typeorm';
import type { CareNoteView, LeaveView, StayView, StaysView } from './stay.view.js';
import type { DepartureReason } from './stay.dto.js';

interface StayRow {
  id: string;
  placement_id: string;
  institution_id: string;
  institution_name: string;
  begins_on: string;
  arrived_at: Date | null;
  room: string | null;
  unit: string | null;
  departed_at: Date | null;
  departure_reason: DepartureReason | null;
  departure_note: string | null;
  departure_event: string | null;
  departure_history_id: string | null;
}

interface NoteRow {
  id: string;
  stay_id: string;
  noted_at: Date;
  text: string;
  author_id: string;
  author_name: string;
  recorded_at: Date;
  corrects_note_id: string | null;
}

interface LeaveRow {
  id: string;
  stay_id: string;
  left_at: Date;
  expected_back_at: Date;
  reason: string;
  returned_at: Date | null;
}

/**
 * The file's stays with their notes and leaves, newest first. `institutionId`
 * narrows them to one institution's (its staff see only the stays with them,
 * scoped in SQL); civil affairs pass null and see every stay of the file.
 */
export async function readStays(manager: EntityManager, fileId: string, institutionId: string | null, now: Date): Promise<StaysView> {
  const stays: StayRow[] = await manager.query(
    `SELECT s.id, s.placement_id, s.institution_id, o.name AS institution_name, to_char(s.begins_on, 'YYYY-MM-DD') AS begins_on, s.arrived_at, s.room, s.unit,
            s.departed_at, s.departure_reason, s.departure_note, s.departure_event, s.departure_history_id::text AS departure_history_id
       FROM institution_stay s JOIN organisation o ON o.id = s.institution_id
      WHERE s.file_id = $1 AND ($2::uuid IS NULL OR s.institution_id = $2)
      ORDER BY s.departed_at IS NULL DESC, s.begins_on DESC, s.created_at DESC`,
    [fileId, institutionId],
  );
  const ids = stays.map((stay) => stay.id);
  const notes: NoteRow[] = ids.length
    ? await manager.query(
        `SELECT n.id, n.stay_id, n.noted_at, n.text, n.author_id, u.display_name AS author_name, n.recorded_at, n.corrects_note_id
           FROM stay_care_note n JOIN user_account u ON u.id = n.author_id WHERE n.stay_id = ANY($1) ORDER BY n.noted_at, n.recorded_at`,
        [ids],
      )
    : [];
  const leaves: LeaveRow[] = ids.length
    ? await manager.query(`SELECT id, stay_id, left_at, expected_back_at, reason, returned_at FROM stay_leave WHERE stay_id = ANY($1) ORDER BY left_at`, [ids])
    : [];
  const views = stays.map((stay) => toView(stay, notes, leaves, now));
  const current = views.find((view) => !view.departure);
  return { fileId, current, earlier: views.filter((view) => view !== current) };
}

function toView(stay: StayRow, allNotes: NoteRow[], allLeaves: LeaveRow[], now: Date): StayView {
  const open = stay.departed_at === null;
  const notes: CareNoteView[] = allNotes
    .filter((note) => note.stay_id === stay.id)
    .map((note, _index, mine) => ({
      id: note.id,
      notedAt: note.noted_at,
      text: note.text,
      author: { id: note.author_id, displayName: note.author_name },
      recordedAt: note.recorded_at,
      correctsNoteId: note.corrects_note_id ?? undefined,
      correctedByNoteIds: mine.filter((other) => other.corrects_note_id === note.id).map((other) => other.id),
    }));
  const leaves: LeaveView[] = allLeaves
    .filter((leave) => leave.stay_id === stay.id)
    .map((leave) => ({
      id: leave.id,
      leftAt: leave.left_at,
      expectedBackAt: leave.expected_back_at,
      reason: leave.reason,
      returnedAt: leave.returned_at ?? undefined,
      overdue: open && leave.returned_at === null && leave.expected_back_at.getTime() < now.getTime(),
    }));
  return {
    id: stay.id,
    placementId: stay.placement_id,
    institution: { id: stay.institution_id, name: stay.institution_name },
    beginsOn: stay.begins_on,
    arrival: stay.arrived_at ? { arrivedAt: stay.arrived_at, room: stay.room ?? undefined, unit: stay.unit ?? undefined } : undefined,
    departure:
      stay.departed_at && stay.departure_reason
        ? {
            departedAt: stay.departed_at,
            reason: stay.departure_reason,
            note: stay.departure_note ?? undefined,
            transition: stay.departure_event ? { event: stay.departure_event, historyId: stay.departure_history_id ?? undefined } : undefined,
          }
        : undefined,
    onLeave: open && leaves.some((leave) => leave.returnedAt === undefined),
    overdueLeave: leaves.some((leave) => leave.overdue),
    notes,
    leaves,
  };
}
