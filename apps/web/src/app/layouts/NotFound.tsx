import { NotFoundResult } from '../../shared/ui/NotFoundResult';

export default function NotFound() {
  return <NotFoundResult />;
}
