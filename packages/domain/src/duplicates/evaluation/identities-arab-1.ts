import { type EvalIdentity, r } from './types.js';

/**
 * Arab persons (Egypt, Levant, Iraq, Sudan, Yemen, Maghreb), as intake staff might have
 * entered them more than once: Arabic script, Gulf / Egyptian / French transliterations,
 * order swapped, family name missing, date typos, estimated years, passports with and
 * without spaces, phones in several formats. Written by hand, not generated.
 */
export const ARAB_IDENTITIES_1: EvalIdentity[] = [
  {
    id: 'ar-01',
    records: [
      r(['Mohamed Abdallah Hassan', 'محمد عبدالله حسن'], { dob: '1988-04-12', nat: 'EG', pp: 'A23456781' }),
      r('محمد عبد الله حسن', { nat: 'EG', ph: '00971552348812', note: 'hotline, Arabic only' }),
      r('Mohammed Abdulla', { year: 1988, nat: 'EG', ph: '+971 55 234 8812', note: 'no family name' }),
      r('Hassan Muhammad Abdullah', { dob: '1988-12-04', nat: 'EG', pp: 'a 2345 6781', note: 'swapped' }),
    ],
  },
  {
    id: 'ar-02',
    records: [
      r(['Rasha Khaled Al Masri', 'رشا خالد المصري'], { dob: '1993-07-21', nat: 'SY', pp: 'N009876543' }),
      r('رشا المصري', { dob: '1993-07-21', nat: 'SY' }),
      r('Racha Khaled Masri', { year: 1992, nat: 'SY', note: 'French transliteration' }),
      r('Rasha Almasri', { dob: '1993-07-12', nat: 'SY', ph: '+971 50 771 2093', note: 'digits swapped' }),
    ],
  },
  {
    id: 'ar-03',
    records: [
      r('Osman Ibrahim Adam', { dob: '1979-01-15', nat: 'SD', pp: 'P04417852' }),
      r('عثمان إبراهيم آدم', { dob: '1979-01-15', nat: 'SD' }),
      r('Othman Ebrahim Adam', { year: 1980, nat: 'SD', ph: '+966 54 310 2277' }),
      r('Adam Usman Ibrahim', { dob: '1979-01-16', nat: 'SD', ph: '966543102277', note: 'order, typo' }),
    ],
  },
  {
    id: 'ar-04',
    records: [
      r('Abdulrahman Saleh Al-Yafei', { dob: '1990-09-03', nat: 'YE', pp: '08812345' }),
      r('عبدالرحمن صالح اليافعي', { nat: 'YE', ph: '+968 9211 4530' }),
      r('Abdul Rahman Salih Yafai', { dob: '1990-03-09', nat: 'YE', note: 'day/month swapped' }),
      r('Abdurrahman Saleh', { year: 1991, nat: 'YE', ph: '0096892114530' }),
    ],
  },
  {
    id: 'ar-05',
    records: [
      r('Fatima Zahra Benali', { dob: '1995-11-28', nat: 'MA', pp: 'UZ4512873' }),
      r('فاطمة الزهراء بن علي', { dob: '1995-11-28', nat: 'MA' }),
      r('Fatim-Zahra Ben Ali', { nat: 'MA', ph: '+974 3312 8841' }),
      r('Fatima Ezzahra Benali', { year: 1995, nat: 'MA', pp: 'UZ 451 2873' }),
    ],
  },
  {
    id: 'ar-06',
    records: [
      r('Ahmed Mahmoud El-Sayed', { dob: '1984-06-30', nat: 'EG', pp: 'A19283746' }),
      r('أحمد محمود السيد', { dob: '1984-06-30', nat: 'EG', ph: '+965 6623 1190' }),
      r('Ahmad Mahmud Elsayed', { nat: 'EG', ph: '96566231190' }),
      r('Ahmed El Sayed Mahmoud', { year: 1985, nat: 'EG', note: 'order swapped' }),
    ],
  },
  {
    id: 'ar-07',
    records: [
      r(['Khaled Yousef Odeh', 'خالد يوسف عودة'], { dob: '1975-02-19', nat: 'JO', pp: 'R334521' }),
      r('خالد يوسف عوده', { nat: 'JO', note: 'final heh instead of ta marbuta' }),
      r('Khalid Yusuf Audeh', { dob: '1975-02-19', nat: 'JO' }),
      r('Khaled Odeh', { year: 1975, nat: 'JO', ph: '+962 79 555 0143' }),
    ],
  },
  {
    id: 'ar-08',
    records: [
      r('Huda Jamal Abu Hamdan', { dob: '1991-05-05', nat: 'PS', pp: 'PS1122334' }),
      r('هدى جمال أبو حمدان', { dob: '1991-05-05', nat: 'PS' }),
      r('Houda Gamal Abuhamdan', { nat: 'PS', ph: '+971 52 903 4471', note: 'Egyptian g' }),
      r('Hoda Abu Hamdan', { year: 1990, nat: 'PS', ph: '00971529034471' }),
    ],
  },
  {
    id: 'ar-09',
    records: [
      r('Haider Abbas Kadhim', { dob: '1986-10-10', nat: 'IQ', pp: 'A7788123' }),
      r('حيدر عباس كاظم', { nat: 'IQ', ph: '+964 770 123 4455' }),
      r('Hayder Abas Kazem', { dob: '1986-10-10', nat: 'IQ' }),
      r('Haidar Kadhim Abbas', { dob: '1986-10-01', nat: 'IQ', note: 'order and one digit' }),
    ],
  },
  {
    id: 'ar-10',
    records: [
      r('Zeinab Hussein Fakhreddine', { dob: '1998-03-14', nat: 'LB', pp: 'LR0456712' }),
      r('زينب حسين فخر الدين', { dob: '1998-03-14', nat: 'LB' }),
      r('Zainab Husain Fakhr Eddine', { nat: 'LB', ph: '+973 3655 0921' }),
      r('Zeinab Fakhreddine', { year: 1997, nat: 'LB', ph: '97336550921' }),
    ],
  },
  {
    id: 'ar-11',
    records: [
      r('Amna Elnour Mohamed', { dob: '1989-08-22', nat: 'SD', pp: 'P06654321' }),
      r('آمنة النور محمد', { dob: '1989-08-22', nat: 'SD' }),
      r('Amna El Nour Mohammed', { nat: 'SD', ph: '+966 56 778 9012' }),
      r('Amna Nour', { year: 1989, nat: 'SD' }),
    ],
  },
  {
    id: 'ar-12',
    records: [
      r('Mostafa Abdel Aziz Ramadan', { dob: '1982-12-01', nat: 'EG', pp: 'A10293847' }),
      r('مصطفى عبد العزيز رمضان', { nat: 'EG', ph: '+971 56 118 2290' }),
      r('Mustafa Abdulaziz Ramadan', { dob: '1982-01-12', nat: 'EG', note: 'day/month swapped' }),
      r('Moustafa Abdelaziz', { year: 1982, nat: 'EG', pp: 'A-10293847' }),
    ],
  },
  {
    id: 'ar-13',
    records: [
      r('Nabil Qasim Al-Hadhrami', { dob: '1977-04-25', nat: 'YE', pp: '04419983' }),
      r('نبيل قاسم الحضرمي', { dob: '1977-04-25', nat: 'YE' }),
      r('Nabeel Gasim Hadrami', { nat: 'YE', ph: '+966 50 441 7720', note: 'Gulf g for qaf' }),
      r('Nabil Kassem Al Hadrami', { year: 1978, nat: 'YE', ph: '00966504417720' }),
    ],
  },
  {
    id: 'ar-14',
    records: [
      r('Ziad Walid Haddad', { dob: '1996-06-17', nat: 'SY', pp: 'N011223344' }),
      r('زياد وليد حداد', { nat: 'SY', ph: '+974 5501 2376' }),
      r('Ziyad Waleed Hadad', { dob: '1996-06-17', nat: 'SY' }),
      r('Zyad Haddad', { dob: '1996-06-71', nat: 'SY', note: 'invalid date typed' }),
    ],
  },
  {
    id: 'ar-15',
    records: [
      r('Saida Ben Youssef', { dob: '1987-09-09', nat: 'TN', pp: 'X889123' }),
      r('سعيدة بن يوسف', { dob: '1987-09-09', nat: 'TN' }),
      r('Saïda Benyoussef', { nat: 'TN', ph: '+971 50 662 0918' }),
      r('Saeeda Bin Yousef', { year: 1987, nat: 'TN', pp: 'x 889123' }),
    ],
  },
  {
    id: 'ar-16',
    records: [
      r('Sherif Adel Shawky', { dob: '1992-02-02', nat: 'EG', pp: 'A28374650' }),
      r('شريف عادل شوقي', { dob: '1992-02-02', nat: 'EG' }),
      r('Cherif Adel Chawki', { nat: 'EG', ph: '+971 54 300 1122' }),
      r('Shareef Adil Shawqi', { year: 1993, nat: 'EG', ph: '971543001122' }),
    ],
  },
  {
    id: 'ar-17',
    records: [
      r('Abubakar Eltayeb Osman', { dob: '1981-07-07', nat: 'SD', pp: 'P02213344' }),
      r('أبوبكر الطيب عثمان', { dob: '1981-07-07', nat: 'SD' }),
      r('Abu Bakr Al-Tayyib Othman', { nat: 'SD', ph: '+966 55 901 3344' }),
      r('Abubaker Tayeb', { year: 1980, nat: 'SD' }),
    ],
  },
  {
    id: 'ar-18',
    records: [
      r('Youssef El Idrissi', { dob: '1994-12-30', nat: 'MA', pp: 'BK7765432' }),
      r('يوسف الإدريسي', { nat: 'MA', ph: '+974 6650 3321' }),
      r('Yousef Idrissi', { dob: '1994-12-30', nat: 'MA' }),
      r('Youssef Elidrissi', { dob: '1994-12-03', nat: 'MA', note: 'one digit' }),
    ],
  },
  {
    id: 'ar-19',
    records: [
      r('Rania Suleiman Al-Zoubi', { dob: '1990-01-20', nat: 'JO', pp: 'R556677' }),
      r('رانيا سليمان الزعبي', { dob: '1990-01-20', nat: 'JO' }),
      r('Ranya Sulaiman Zoubi', { nat: 'JO', ph: '+971 55 440 3312' }),
      r("Rania Al Zu'bi", { year: 1990, nat: 'JO', ph: '00971554403312' }),
    ],
  },
  {
    id: 'ar-20',
    records: [
      r('Mervat Fawzy Ibrahim', { dob: '1980-05-18', nat: 'EG', pp: 'A33445566' }),
      r('ميرفت فوزي إبراهيم', { dob: '1980-05-18', nat: 'EG' }),
      r('Mirvat Fawzi Ebrahim', { nat: 'EG', ph: '+965 5012 7788' }),
      r('Mervat Ibrahim', { year: 1981, nat: 'EG' }),
    ],
  },
];
