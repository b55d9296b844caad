/** Placeholder with a form's shape, shown until the form can run on the client (search params read, React hydrated). */
export function FormSkeleton({ fields }: { fields: number }) {
  return (
    <div aria-hidden="true" className="animate-pulse space-y-4">
      {Array.from({ length: fields }, (_, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: static placeholders with no identity.
        <div key={index} className="space-y-2">
          <div className="h-4 w-20 rounded bg-zinc-200 dark:bg-zinc-700" />
          <div className="h-9 rounded-md bg-zinc-100 dark:bg-zinc-800" />
        </div>
      ))}
      <div className="h-9 rounded-md bg-indigo-200 dark:bg-indigo-800" />
    </div>
  );
}
