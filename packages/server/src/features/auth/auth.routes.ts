import {
  ChangePasswordRequest,
  LoginRequest,
  LoginResponse,
  Me,
  MfaRequest,
  PasswordConfirmRequest,
  RecoveryCodesResponse,
  TotpConfirmRequest,
  TotpEnrolmentResponse,
  UpdateProfileRequest,
} from '@opennrm/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NoContent } from '../../lib/openapi.js';
import { auditContext, clearSessionCookie, setSessionCookie } from '../../plugins/auth.plugin.js';
import type { Services } from '../../services.js';
import { presentMe, sessionUser } from './auth.present.js';
import { login, logout, verifySecondFactor } from './auth.service.js';
import {
  changeOwnPassword,
  confirmTotpEnrolment,
  disableOwnTotp,
  regenerateRecoveryCodes,
  startTotpEnrolment,
  updateProfile,
} from './profile.service.js';

const ALL_STAGES = [
  'mfa_required',
  'mfa_enrolment_required',
  'password_change_required',
  'authenticated',
] as const;
const tags = ['auth'];

export async function authRoutes(base: FastifyInstance, { services }: { services: Services }) {
  const app = base.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/api/auth/login',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Sign in with username and password',
        description:
          'Answers the stage the new session is in: `authenticated`, or a step still to do (`mfa_required`, `mfa_enrolment_required`, `password_change_required`). Sets the session cookie.',
        body: LoginRequest,
        response: { 200: LoginResponse },
      },
    },
    async (request, reply) => {
      const session = await login(
        services,
        auditContext(request),
        request.body.username,
        request.body.password,
      );
      setSessionCookie(services, reply, session);
      return { stage: session.stage, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/mfa',
    {
      config: { access: { permission: 'profile.manage_own', stages: ['mfa_required'] } },
      schema: {
        tags,
        summary: 'Second factor: a TOTP code or a recovery code',
        body: MfaRequest,
        response: { 200: LoginResponse },
      },
    },
    async (request, reply) => {
      const session = await verifySecondFactor(
        services,
        auditContext(request),
        sessionUser(request.auth!),
        request.body.code,
      );
      setSessionCookie(services, reply, session);
      return { stage: session.stage, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: { permission: 'profile.manage_own', stages: ALL_STAGES } },
      schema: { tags, summary: 'End this session', response: { 204: NoContent } },
    },
    async (request, reply) => {
      await logout(services, auditContext(request), request.auth!.sessionId, request.auth!.userId);
      clearSessionCookie(services, reply);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      config: { access: { permission: 'profile.manage_own', stages: ALL_STAGES } },
      schema: {
        tags,
        summary: 'The signed-in user, their session stage and CSRF token',
        response: { 200: Me },
      },
    },
    async (request) => presentMe(request.auth!),
  );

  app.patch(
    '/api/me',
    {
      config: { access: { permission: 'profile.manage_own' } },
      schema: {
        tags,
        summary: 'Change own display name or language',
        body: UpdateProfileRequest,
        response: { 200: Me },
      },
    },
    async (request) => {
      await updateProfile(services, auditContext(request), request.auth!.userId, request.body);
      const auth = request.auth!;
      return presentMe({
        ...auth,
        displayName: request.body.displayName ?? auth.displayName,
        locale: request.body.locale ?? auth.locale,
      });
    },
  );

  app.post(
    '/api/me/password',
    {
      config: {
        access: { permission: 'profile.manage_own', stages: ['password_change_required', 'authenticated'] },
      },
      schema: {
        tags,
        summary: 'Change own password; ends the other sessions',
        body: ChangePasswordRequest,
        response: { 200: LoginResponse },
      },
    },
    async (request, reply) => {
      const session = await changeOwnPassword(
        services,
        auditContext(request),
        sessionUser(request.auth!),
        request.body.currentPassword,
        request.body.newPassword,
      );
      setSessionCookie(services, reply, session);
      return { stage: session.stage, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/me/mfa/enrol',
    {
      config: {
        access: { permission: 'profile.manage_own', stages: ['mfa_enrolment_required', 'authenticated'] },
      },
      schema: {
        tags,
        summary: 'Start setting up an authenticator app',
        body: z.strictObject({}).optional(),
        response: { 200: TotpEnrolmentResponse },
      },
    },
    async (request) => startTotpEnrolment(services, sessionUser(request.auth!)),
  );

  app.post(
    '/api/me/mfa/confirm',
    {
      config: {
        access: { permission: 'profile.manage_own', stages: ['mfa_enrolment_required', 'authenticated'] },
      },
      schema: {
        tags,
        summary: 'Confirm the authenticator with a first code; answers recovery codes, shown once',
        body: TotpConfirmRequest,
        response: { 200: LoginResponse.extend(RecoveryCodesResponse.shape) },
      },
    },
    async (request, reply) => {
      const result = await confirmTotpEnrolment(
        services,
        auditContext(request),
        sessionUser(request.auth!),
        request.body.code,
      );
      setSessionCookie(services, reply, result);
      return { stage: result.stage, csrfToken: result.csrfToken, recoveryCodes: result.recoveryCodes };
    },
  );

  app.post(
    '/api/me/mfa/recovery-codes',
    {
      config: { access: { permission: 'profile.manage_own' } },
      schema: {
        tags,
        summary: 'Replace the recovery codes',
        body: PasswordConfirmRequest,
        response: { 200: RecoveryCodesResponse },
      },
    },
    async (request) => ({
      recoveryCodes: await regenerateRecoveryCodes(
        services,
        auditContext(request),
        sessionUser(request.auth!),
        request.body.currentPassword,
      ),
    }),
  );

  app.post(
    '/api/me/mfa/disable',
    {
      config: { access: { permission: 'profile.manage_own' } },
      schema: {
        tags,
        summary: 'Turn off the second factor (roles that require it cannot)',
        body: PasswordConfirmRequest,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await disableOwnTotp(
        services,
        auditContext(request),
        sessionUser(request.auth!),
        request.body.currentPassword,
      );
      return reply.status(204).send();
    },
  );
}
