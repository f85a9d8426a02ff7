import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { type FieldError, useFormErrors } from './form-errors';

/**
 * The state of a dialog that asks for one password and sends it: the typed password, its
 * field errors, the mutation, and a close that forgets the password and the errors.
 */
export function usePasswordDialog<T>({
  send,
  onDone,
  onClose,
  toErrors,
}: {
  send: (password: string) => Promise<T>;
  onDone: (result: T) => void;
  onClose: () => void;
  toErrors: (error: unknown) => FieldError[];
}) {
  const [password, setPassword] = useState('');
  const form = useFormErrors();
  const mutation = useMutation({
    mutationFn: () => send(password),
    onSuccess: (result) => {
      close();
      onDone(result);
    },
    onError: (error) => form.show(toErrors(error)),
  });

  function close(): void {
    setPassword('');
    form.clear();
    onClose();
  }

  return { password, setPassword, form, mutation, close };
}
