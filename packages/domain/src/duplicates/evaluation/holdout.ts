import { type EvalClash, type EvalIdentity, r } from './types.js';

/**
 * Held-out set: written after the matcher's weights were tuned on the development set
 * and never used for tuning, so its figures are the honest estimate. Written by hand.
 */
export const HOLDOUT_IDENTITIES: EvalIdentity[] = [
  {
    id: 'ho-01',
    records: [
      r('Mubarak Abdelgadir Elhassan', { dob: '1982-05-09', nat: 'SD', pp: 'P08123456' }),
      r('مبارك عبدالقادر الحسن', { nat: 'SD', ph: '+966 55 120 4411' }),
      r('Mubarak Abdul Qadir Al Hassan', { dob: '1982-05-09', nat: 'SD' }),
      r('Mubarak Elhassan', { year: 1983, nat: 'SD', ph: '00966551204411' }),
    ],
  },
  {
    id: 'ho-02',
    records: [
      r('Shaimaa Mohamed Abdel Hamid', { dob: '1991-02-24', nat: 'EG', pp: 'A24681357' }),
      r('شيماء محمد عبد الحميد', { dob: '1991-02-24', nat: 'EG' }),
      r('Shaima Mohammed Abdelhamid', { nat: 'EG', ph: '+971 50 246 1357' }),
      r('Shymaa Abdel Hamid', { year: 1990, nat: 'EG', ph: '971502461357' }),
    ],
  },
  {
    id: 'ho-03',
    records: [
      r('Bashar Mustafa Al-Ahmad', { dob: '1987-08-13', nat: 'SY', pp: 'N013572468' }),
      r('بشار مصطفى الأحمد', { nat: 'SY', ph: '+974 3355 7799' }),
      r('Bachar Moustafa Alahmad', { dob: '1987-08-13', nat: 'SY' }),
      r('Bashar Ahmad', { year: 1987, nat: 'SY', ph: '97433557799' }),
    ],
  },
  {
    id: 'ho-04',
    records: [
      r('Fuad Abdo Saif', { dob: '1979-11-19', nat: 'YE', pp: '05566123' }),
      r('فؤاد عبده سيف', { dob: '1979-11-19', nat: 'YE' }),
      r('Fouad Abduh Saif', { nat: 'YE', ph: '+966 50 900 1717' }),
      r('Fuad Saif', { year: 1979, nat: 'YE', ph: '966509001717' }),
    ],
  },
  {
    id: 'ho-05',
    records: [
      r('Muhammad Asif Javed', { dob: '1992-04-30', nat: 'PK', pp: 'CA3141592' }),
      r('محمد آصف جاوید', { nat: 'PK', ph: '+971 55 314 1592' }),
      r('Mohammad Asif Javaid', { dob: '1992-04-30', nat: 'PK' }),
      r('Asif Javed', { year: 1992, nat: 'PK', pp: 'ca 3141592' }),
    ],
  },
  {
    id: 'ho-06',
    records: [
      r('Mohammad Shahjahan Mia', { dob: '1980-12-16', nat: 'BD', pp: 'BE2718281' }),
      r('محمد شاه جهان ميا', { nat: 'BD', ph: '+965 5271 8281' }),
      r('Md Shahjahan Miah', { dob: '1980-12-16', nat: 'BD' }),
      r('Shah Jahan Mia', { year: 1981, nat: 'BD', ph: '96552718281' }),
    ],
  },
  {
    id: 'ho-07',
    records: [
      r('Abdul Latheef Puthiyaveettil', { dob: '1975-06-03', nat: 'IN', pp: 'J7654123' }),
      r('عبد اللطيف', { nat: 'IN', ph: '+968 9876 5432' }),
      r('Abdul Latif P.', { dob: '1975-06-03', nat: 'IN' }),
      r('Latheef Puthiyaveetil', { year: 1975, nat: 'IN', ph: '0096898765432' }),
    ],
  },
  {
    id: 'ho-08',
    records: [
      r('Krishna Bahadur Gurung', { dob: '1989-07-22', nat: 'NP', pp: '11223344' }),
      r('كريشنا بهادور غورونغ', { nat: 'NP', ph: '+971 52 112 2334' }),
      r('Krishna B. Gurung', { dob: '1989-07-22', nat: 'NP' }),
      r('Krisna Bahadur Gurung', { year: 1989, nat: 'NP', ph: '971521122334' }),
    ],
  },
  {
    id: 'ho-09',
    records: [
      r('Tharshini Sivakumar', { dob: '1996-03-18', nat: 'LK', pp: 'N5050505' }),
      r('ثارشيني سيفاكومار', { nat: 'LK', ph: '+966 54 505 0505' }),
      r('Darshini Sivakumar', { dob: '1996-03-18', nat: 'LK' }),
      r('Tharshini S.', { year: 1996, nat: 'LK', ph: '966545050505' }),
    ],
  },
  {
    id: 'ho-10',
    records: [
      r('Maricel Ramos Gonzales', { dob: '1984-09-27', nat: 'PH', pp: 'P2468024B' }),
      r('ماريسيل غونزاليس', { nat: 'PH', ph: '+974 5024 6802' }),
      r('Maricel R. Gonzales', { dob: '1984-09-27', nat: 'PH' }),
      r('Maricel Gonzalez', { year: 1984, nat: 'PH', ph: '97450246802' }),
    ],
  },
  {
    id: 'ho-11',
    records: [
      r('Rina Susanti binti Darmo', { dob: '1993-01-08', nat: 'ID', pp: 'B3692581' }),
      r('رينا سوسانتي', { dob: '1993-01-08', nat: 'ID' }),
      r('Rina Susanti', { nat: 'ID', ph: '+966 56 369 2581' }),
      r('Rina Susanty', { year: 1993, nat: 'ID', ph: '966563692581' }),
    ],
  },
  {
    id: 'ho-12',
    records: [
      r('Yeshiwork Tesfaye Girma', { dob: '1995-05-25', nat: 'ET', pp: 'EP5151515' }),
      r('يشورك تسفاي', { nat: 'ET', ph: '+971 56 515 1515' }),
      r('Yeshework Tesfaye', { dob: '1995-05-25', nat: 'ET' }),
      r('Yeshiwork Tesfaye Girma', { year: 1994, nat: 'ET', ph: '971565151515' }),
    ],
  },
  {
    id: 'ho-13',
    records: [
      r('Caroline Njeri Mwangi', { dob: '1992-10-14', nat: 'KE', pp: 'AK7531902' }),
      r('كارولين نجيري موانجي', { nat: 'KE', ph: '+974 7753 1902' }),
      r('Carolyne Njeri', { dob: '1992-10-14', nat: 'KE' }),
      r('Njeri Caroline Mwangi', { year: 1992, nat: 'KE', ph: '97477531902' }),
    ],
  },
  {
    id: 'ho-14',
    records: [
      r('Hadijah Namubiru', { dob: '1998-07-04', nat: 'UG', pp: 'B8642097' }),
      r('خديجة ناموبيرو', { dob: '1998-07-04', nat: 'UG' }),
      r('Hadija Namubiru', { nat: 'UG', ph: '+973 3864 2097' }),
      r('Namubiru Hadijah', { year: 1998, nat: 'UG', ph: '97338642097' }),
    ],
  },
  {
    id: 'ho-15',
    records: [
      r('Khadija Ouazzani', { dob: '1990-12-02', nat: 'MA', pp: 'JA1357913' }),
      r('خديجة الوزاني', { dob: '1990-12-02', nat: 'MA' }),
      r('Khadija El Ouazzani', { nat: 'MA', ph: '+971 50 135 7913' }),
      r('Khadidja Wazzani', { year: 1990, nat: 'MA', ph: '971501357913' }),
    ],
  },
  {
    id: 'ho-16',
    records: [
      r('Sherzad Aziz Rasul', { dob: '1986-04-01', nat: 'IQ', pp: 'A4040411' }),
      r('شيرزاد عزيز رسول', { nat: 'IQ', ph: '+964 750 404 0411' }),
      r('Shirzad Aziz Rasool', { dob: '1986-04-01', nat: 'IQ' }),
      r('Sherzad Rasul', { year: 1986, nat: 'IQ', ph: '9647504040411' }),
    ],
  },
];

export const HOLDOUT_CLASHES: EvalClash[] = [
  {
    id: 'hc-01',
    note: 'namesakes, one Indian',
    against: 'ho-05',
    persons: [
      r('Muhammad Asif', { dob: '1970-01-20', nat: 'PK', pp: 'DA1100220' }),
      r('Asif Javed', { dob: '1985-05-05', nat: 'IN' }),
    ],
  },
  {
    id: 'hc-02',
    note: 'Bangladeshi namesakes',
    against: 'ho-06',
    persons: [
      r('Md Shahjahan', { dob: '1965-03-03', nat: 'BD', pp: 'BA0000111' }),
      r('Mohammad Shahjahan Mia', { dob: '2000-08-08', nat: 'BD' }),
    ],
  },
  {
    id: 'hc-03',
    note: 'Kenyan sisters sharing a phone',
    against: 'ho-13',
    persons: [r('Lucy Njeri Mwangi', { dob: '1990-06-06', nat: 'KE', ph: '+974 7753 1902' })],
  },
  {
    id: 'hc-04',
    note: 'Filipino look-alikes',
    against: 'ho-10',
    persons: [
      r('Maricel Gonzales', { dob: '1975-02-14', nat: 'PH', pp: 'P1357913C' }),
      r('Marisol Gonzales', { dob: '1986-11-30', nat: 'PH' }),
    ],
  },
  {
    id: 'hc-05',
    note: 'Egyptian namesake',
    against: 'ho-02',
    persons: [r('Shaimaa Mohamed Abdel Hamid', { dob: '1999-09-19', nat: 'EG', pp: 'A99887766' })],
  },
  {
    id: 'hc-06',
    note: 'Yemeni Abdo / Abdullah / Abdu look-alikes',
    persons: [
      r('Abdo Saif', { dob: '1980-04-04', nat: 'YE' }),
      r('Abdullah Saif', { dob: '1990-10-10', nat: 'YE' }),
      r('Abdu Saeed', { dob: '1975-07-07', nat: 'YE' }),
    ],
  },
  {
    id: 'hc-07',
    note: 'Nepali namesake and a sister sharing a phone',
    against: 'ho-08',
    persons: [
      r('Krishna Bahadur Gurung', { dob: '1972-12-12', nat: 'NP', pp: '99887766' }),
      r('Krishna Kumari Gurung', { dob: '1994-02-02', nat: 'NP', ph: '+971 52 112 2334' }),
    ],
  },
  {
    id: 'hc-08',
    note: 'older Iraqi namesake',
    against: 'ho-16',
    persons: [r('Sherzad Aziz', { dob: '1960-05-05', nat: 'IQ' })],
  },
];
