// 회사 계정(SSO)으로 로그인할 때의 초대: 초대 메일, 그리고 비밀번호 설정 링크 대신 로그인 주소를 보여 주는 매니저 알림.
import type { invitations as en } from '../en/invitations.ts';

export const invitations: Record<keyof typeof en, string> = {
  'invite.sso.subject': 'Pairwise에 초대되었어요',
  'invite.sso.body': 'Pairwise에 초대되었어요. 아래 주소에서 회사 계정({provider})으로 로그인해 주세요:',
  'invite.sso.bodyNoName': 'Pairwise에 초대되었어요. 아래 주소에서 회사 계정으로 로그인해 주세요:',
  'invite.also': '회사 계정({provider})으로 로그인해도 돼요.',
  'invite.alsoNoName': '회사 계정으로 로그인해도 돼요.',
  'invite.added': '{name} 님을 추가했어요. 이 주소에서 회사 계정으로 로그인하면 돼요:',
  'invite.partnerAdded': '{name}({partner}) 님을 초대했어요. 이 주소에서 회사 계정으로 로그인하면 돼요:',
  'invite.for': '{name} 님의 로그인 주소:',
  'invite.send': '초대 메일 보내기',
  'invite.address': '로그인 주소',
  'invite.sent': '초대 메일을 {email:으로/로} 보냈어요.',
};
