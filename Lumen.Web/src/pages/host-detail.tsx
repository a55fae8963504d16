export function HostDetail({ id }: { id: number }) {
  return <div>host {id}</div>;
}
