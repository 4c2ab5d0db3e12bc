import { Navigate } from 'react-router';

/** /admin opens the first section. */
export default function AdminIndex() {
  return <Navigate to="/admin/users" replace />;
}
