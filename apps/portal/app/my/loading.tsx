import { LoadingRows } from '../ui/states';

export default function Loading() {
  return <LoadingRows label="Loading…" />;
}
