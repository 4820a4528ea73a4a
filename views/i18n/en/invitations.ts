// English strings of invitations under single sign-on: the e-mail when people sign in with the company account,
// and the manager's notice with the sign-in address instead of a set-password link.
export const invitations = {
  'invite.sso.subject': 'You are invited to Pairwise',
  'invite.sso.body': 'You are invited to Pairwise — sign in with your company account ({provider}) at this address:',
  'invite.sso.bodyNoName': 'You are invited to Pairwise — sign in with your company account at this address:',
  'invite.also': 'You can also sign in with your company account ({provider}) instead.',
  'invite.alsoNoName': 'You can also sign in with your company account instead.',
  'invite.added': '{name} is added. They sign in with their company account at this address:',
  'invite.partnerAdded': '{name} ({partner}) is invited. They sign in with their company account at this address:',
  'invite.for': 'Sign-in address for {name}:',
  'invite.send': 'Send invitation',
  'invite.address': 'Sign-in address',
  'invite.sent': 'The invitation was sent to {email}.',
};
