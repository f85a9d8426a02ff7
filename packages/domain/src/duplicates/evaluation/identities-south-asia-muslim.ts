import { type EvalIdentity, r } from './types.js';

/**
 * Pakistani, Bangladeshi and Indian Muslim persons: Md./Mohd abbreviations, glued
 * -ul-/-ur- compounds, Urdu letters (پ چ ٹ ے ی ھ), Arabic renderings by Gulf staff.
 * Written by hand.
 */
export const SOUTH_ASIA_MUSLIM_IDENTITIES: EvalIdentity[] = [
  {
    id: 'sa-01',
    records: [
      r('Muhammad Imran Khan', { dob: '1990-02-11', nat: 'PK', pp: 'AB1234561', ph: '+971 50 412 3390' }),
      r('محمد عمران خان', { nat: 'PK', ph: '00971504123390' }),
      r('Mohd Imran', { year: 1990, nat: 'PK' }),
      r('Imran Khan', { dob: '1990-11-02', nat: 'PK', pp: 'AB 1234561', note: 'no Muhammad, swapped date' }),
    ],
  },
  {
    id: 'sa-02',
    records: [
      r('Md. Rafiqul Islam', { dob: '1987-12-01', nat: 'BD', pp: 'BN0456123' }),
      r('محمد رفيق الإسلام', { nat: 'BD', ph: '+966 57 123 8890' }),
      r('Mohammad Rafiqul Islam', { dob: '1987-12-01', nat: 'BD' }),
      r('Md Rofiqul Islam', { year: 1988, nat: 'BD', ph: '966571238890', note: 'Bengali o' }),
    ],
  },
  {
    id: 'sa-03',
    records: [
      r('Mst. Rokeya Begum', { dob: '1983-03-10', nat: 'BD', pp: 'BX0987654' }),
      r('روكية بيجوم', { nat: 'BD', ph: '+971 55 600 1020' }),
      r('Rokeya Begum', { dob: '1983-03-10', nat: 'BD' }),
      r('Rokia Begum', { year: 1983, nat: 'BD', ph: '971556001020' }),
    ],
  },
  {
    id: 'sa-04',
    records: [
      r('Shahid Mehmood', { dob: '1985-07-04', nat: 'PK', pp: 'KP4455661' }),
      r('شاهد محمود', { dob: '1985-07-04', nat: 'PK' }),
      r('Shahid Mahmood', { nat: 'PK', ph: '+974 3344 5511' }),
      r('Mehmood Shahid', { year: 1984, nat: 'PK', ph: '0097433445511', note: 'order swapped' }),
    ],
  },
  {
    id: 'sa-05',
    records: [
      r('Abdul Qadir Baloch', { dob: '1979-10-21', nat: 'PK', pp: 'BQ7766554' }),
      r('عبدالقادر بلوچ', { nat: 'PK', ph: '+968 9123 4567' }),
      r('Abdul Kadir Baloch', { dob: '1979-10-21', nat: 'PK' }),
      r('Abdulqadir Balouch', { year: 1979, nat: 'PK', pp: 'bq-7766554' }),
    ],
  },
  {
    id: 'sa-06',
    records: [
      r('Nasiruddin Ahmed', { dob: '1992-09-15', nat: 'BD', pp: 'BM1122334' }),
      r('نصير الدين أحمد', { dob: '1992-09-15', nat: 'BD' }),
      r('Nasir Uddin Ahmed', { nat: 'BD', ph: '+971 52 777 1234' }),
      r('Md. Nasir Uddin', { year: 1992, nat: 'BD', ph: '00971527771234' }),
    ],
  },
  {
    id: 'sa-07',
    records: [
      r('Syed Ali Raza', { dob: '1995-01-25', nat: 'PK', pp: 'AR9988776' }),
      r('سيد علي رضا', { nat: 'PK', ph: '+966 55 444 1290' }),
      r('Sayed Ali Reza', { dob: '1995-01-25', nat: 'PK' }),
      r('Ali Raza', { year: 1995, nat: 'PK', ph: '966554441290' }),
    ],
  },
  {
    id: 'sa-08',
    records: [
      r('Fazal ur Rehman', { dob: '1981-05-30', nat: 'PK', pp: 'CF3322115' }),
      r('فضل الرحمن', { dob: '1981-05-30', nat: 'PK' }),
      r('Fazlur Rahman', { nat: 'PK', ph: '+971 56 321 0099' }),
      r('Fazal Rahman', { year: 1980, nat: 'PK', ph: '00971563210099' }),
    ],
  },
  {
    id: 'sa-09',
    records: [
      r('Mohammed Salim Ansari', { dob: '1988-08-18', nat: 'IN', pp: 'M4455123' }),
      r('محمد سليم أنصاري', { nat: 'IN', ph: '+965 6677 8899' }),
      r('Mohd Saleem Ansari', { dob: '1988-08-18', nat: 'IN' }),
      r('Salim Ansari', { year: 1988, nat: 'IN', pp: 'M 4455123' }),
    ],
  },
  {
    id: 'sa-10',
    records: [
      r('Shabana Parveen', { dob: '1994-04-22', nat: 'IN', pp: 'S7788990' }),
      r('شبانة پروین', { nat: 'IN', ph: '+971 50 232 4252', note: 'Urdu letters' }),
      r('Shabana Perveen', { dob: '1994-04-22', nat: 'IN' }),
      r('Shabana Parvin', { year: 1994, nat: 'IN', ph: '971502324252' }),
    ],
  },
  {
    id: 'sa-11',
    records: [
      r('Ghulam Mustafa Chaudhry', { dob: '1976-11-11', nat: 'PK', pp: 'DG5544332' }),
      r('غلام مصطفیٰ چودھری', { nat: 'PK', ph: '+973 3311 2244', note: 'Urdu spelling' }),
      r('Ghulam Mustafa Choudhary', { dob: '1976-11-11', nat: 'PK' }),
      r('Gulam Mustafa', { year: 1977, nat: 'PK', ph: '97333112244' }),
    ],
  },
  {
    id: 'sa-12',
    records: [
      r('Abdul Karim Sheikh', { dob: '1986-02-28', nat: 'BD', pp: 'BK6655443' }),
      r('عبدالكريم شيخ', { nat: 'BD', ph: '+966 53 210 9988' }),
      r('Sk Abdul Karim', { dob: '1986-02-28', nat: 'BD', note: 'Sk = Sheikh, order' }),
      r('Abdul Karim Shaikh', { year: 1986, nat: 'BD', ph: '00966532109988' }),
    ],
  },
  {
    id: 'sa-13',
    records: [
      r('Nurul Amin', { dob: '1990-06-01', nat: 'BD', pp: 'BR1231231' }),
      r('نور الأمين', { dob: '1990-06-01', nat: 'BD' }),
      r('Noor Ul Amin', { nat: 'BD', ph: '+971 55 121 3141' }),
      r('Md Nurul Amin', { year: 1990, nat: 'BD', ph: '971551213141' }),
    ],
  },
  {
    id: 'sa-14',
    records: [
      r('Tahir Hussain Shah', { dob: '1983-09-09', nat: 'PK', pp: 'FT8877665' }),
      r('طاهر حسين شاه', { nat: 'PK', ph: '+974 6611 2233' }),
      r('Tahir Husain', { dob: '1983-09-09', nat: 'PK' }),
      r('Shah Tahir Hussain', { year: 1983, nat: 'PK', ph: '0097466112233' }),
    ],
  },
  {
    id: 'sa-15',
    records: [
      r('Sultana Khatun', { dob: '1997-12-12', nat: 'BD', pp: 'BS4433221' }),
      r('سلطانة خاتون', { dob: '1997-12-12', nat: 'BD' }),
      r('Mst Sultana Khatoon', { nat: 'BD', ph: '+966 50 555 0909' }),
      r('Sultana Katun', { year: 1998, nat: 'BD', note: 'typo' }),
    ],
  },
  {
    id: 'sa-16',
    records: [
      r('Arshad Iqbal', { dob: '1989-03-17', nat: 'PK', pp: 'GA1212343' }),
      r('أرشد إقبال', { nat: 'PK', ph: '+971 52 999 8877' }),
      r('Arshad Ikbal', { dob: '1989-03-17', nat: 'PK' }),
      r('Iqbal Arshad', { year: 1989, nat: 'PK', ph: '971529998877', note: 'order swapped' }),
    ],
  },
  {
    id: 'sa-17',
    records: [
      r('Habibur Rahman', { dob: '1984-10-05', nat: 'BD', pp: 'BH0099887' }),
      r('حبيب الرحمن', { dob: '1984-10-05', nat: 'BD' }),
      r('Md. Habibur Rahman', { nat: 'BD', ph: '+968 9988 7766' }),
      r('Habib Ur Rehman', { year: 1984, nat: 'BD', ph: '0096899887766' }),
    ],
  },
  {
    id: 'sa-18',
    records: [
      r('Zubair Ahmed Qureshi', { dob: '1991-07-27', nat: 'IN', pp: 'Z1122998' }),
      r('زبير أحمد قريشي', { nat: 'IN', ph: '+971 58 440 5566' }),
      r('Zubair Ahmad Qureshi', { dob: '1991-07-27', nat: 'IN' }),
      r('Zuber Kureshi', { year: 1991, nat: 'IN', ph: '971584405566' }),
    ],
  },
  {
    id: 'sa-19',
    records: [
      r('Asma Bibi', { dob: '1993-05-19', nat: 'PK', pp: 'HB3344552' }),
      r('أسماء بي بي', { dob: '1993-05-19', nat: 'PK' }),
      r('Asmaa Bibi', { nat: 'PK', ph: '+966 56 300 4005' }),
      r('Asma Bi Bi', { year: 1993, nat: 'PK', ph: '966563004005' }),
    ],
  },
  {
    id: 'sa-20',
    records: [
      r('Waqas Ahmed Butt', { dob: '1996-08-08', nat: 'PK', pp: 'JW5566778' }),
      r('وقاص احمد بٹ', { nat: 'PK', ph: '+974 5012 3400', note: 'Urdu tteh' }),
      r('Waqas Ahmad Butt', { dob: '1996-08-08', nat: 'PK' }),
      r('Wakas Butt', { year: 1996, nat: 'PK', ph: '97450123400' }),
    ],
  },
];
