import { useId, type InputHTMLAttributes, type ReactNode } from "react";

/** A labelled input with its hint and error tied to it for screen readers. */
export function Field({
  label,
  hint,
  error,
  children,
  ...input
}: { label: ReactNode; hint?: ReactNode; error?: ReactNode; children?: ReactNode } & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? <span className="hint" id={hintId}>{hint}</span> : null}
      {children ?? (
        <input
          id={id}
          type="text"
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
          {...input}
        />
      )}
      {error ? <span className="field-error" id={errorId}>{error}</span> : null}
    </div>
  );
}
